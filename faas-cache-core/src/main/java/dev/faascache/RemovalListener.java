/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * Told of every entry that leaves the cache, with the reason.
 * <p>
 * A listener runs after the change is done, outside any lock, on the thread that caused the
 * removal (there are no background threads). An exception thrown by a listener is logged and
 * swallowed: it never breaks the cache operation that triggered it.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @see FaasCache.Builder#removalListener(RemovalListener)
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

	/**
	 * Handle the removal of an entry.
	 * @param key the key of the removed entry
	 * @param value the value of the removed entry
	 * @param cause why it was removed
	 */
	void onRemoval(K key, V value, RemovalCause cause);

}
