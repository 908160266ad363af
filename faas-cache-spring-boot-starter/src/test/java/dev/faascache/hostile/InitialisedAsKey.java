/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.hostile;

/**
 * A record outside the trusted packages, named as a key in an invalidation, that records its
 * initialisation in a system property, which a test reads without touching the class.
 *
 * @param name a component, so that the key's text names one element
 */
public record InitialisedAsKey(String name) {

	static {
		System.setProperty(InitialisedAsKey.class.getName(), "initialised");
	}

}
