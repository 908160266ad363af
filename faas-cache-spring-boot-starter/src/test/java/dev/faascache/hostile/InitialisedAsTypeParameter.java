/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.hostile;

/**
 * A class outside the trusted packages that records its initialisation in a system property,
 * which a test reads without touching the class.
 */
public final class InitialisedAsTypeParameter {

	static {
		System.setProperty(InitialisedAsTypeParameter.class.getName(), "initialised");
	}

	private InitialisedAsTypeParameter() {
	}

}
