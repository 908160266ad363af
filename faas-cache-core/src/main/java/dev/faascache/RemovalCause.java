/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * Why an entry left the cache.
 *
 * @see RemovalListener
 */
public enum RemovalCause {

	/** The entry was removed by the user: {@code remove}, {@code clear}, an iterator or a view. */
	EXPLICIT,

	/** The value was replaced by a write to the same key. */
	REPLACED,

	/** The entry outlived its time to live. */
	EXPIRED,

	/** The entry was evicted, least recently used first, to keep the cache within its byte budget. */
	SIZE,

	/** The entry was evicted, least recently used first, to keep the cache within its item count. */
	ITEMS;

	/**
	 * Return whether the cache removed the entry on its own (expiry or eviction), rather than
	 * because of a write or removal by the user.
	 * @return {@code true} for {@link #EXPIRED}, {@link #SIZE} and {@link #ITEMS}
	 */
	public boolean wasEvicted() {
		return this == EXPIRED || this == SIZE || this == ITEMS;
	}

}
