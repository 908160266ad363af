/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import dev.faascache.benchmarks.Peer.BenchmarkCache;
import dev.faascache.benchmarks.Peer.Bounds;
import dev.faascache.benchmarks.ReferenceSet.Product;

/**
 * What the cache benchmarks share: the values they store, and filling a cache before measuring.
 */
final class Workload {

	private Workload() {
	}

	/** Keys a benchmark that writes new keys cycles through; a power of two, more than a million. */
	static final int FRESH_KEYS = 1 << 21;

	/** Values a benchmark that writes cycles through; a power of two. */
	static final int VALUES = 1024;

	/**
	 * Bytes of budget per item of the caches bounded by bytes: below what an entry of the
	 * benchmarks costs FaasCache with its node, so that bytes bound it. A weigher that counts only
	 * the key and the value fits more entries in the same budget; the reports give the entries
	 * each peer holds.
	 */
	static final long BYTES_PER_ITEM = 200;

	/**
	 * Return the byte budget of the caches bounded by both bytes and the given item count.
	 */
	static long bytesFor(int items) {
		return items * BYTES_PER_ITEM;
	}

	/**
	 * Return the peer bounded by {@code items} and {@link #bytesFor} them, given a value for each
	 * of the keys {@code 0 .. items - 1}: full, or at its byte budget.
	 */
	static BenchmarkCache filled(Peer peer, int items) {
		BenchmarkCache cache = peer.create(new Bounds(items, bytesFor(items)));
		for (int i = 0; i < items; i++) {
			cache.put(Integer.valueOf(i), valueFor(i));
		}
		return cache;
	}

	/**
	 * Return {@link #FRESH_KEYS} distinct keys from {@code first} on, none of which a cache filled
	 * with the keys below {@code first} holds: written in turn, each evicts an entry.
	 */
	static Integer[] freshKeys(int first) {
		Integer[] keys = new Integer[FRESH_KEYS];
		for (int i = 0; i < FRESH_KEYS; i++) {
			keys[i] = Integer.valueOf(first + i);
		}
		return keys;
	}

	/**
	 * Return the values for the keys {@code 0 .. count - 1}, made before measuring.
	 */
	static Product[] values(int count) {
		Product[] values = new Product[count];
		for (int i = 0; i < count; i++) {
			values[i] = valueFor(i);
		}
		return values;
	}

	/**
	 * Return a small DTO for the key, distinct from every other key's.
	 */
	static Product valueFor(int key) {
		return new Product("id-" + key, "Product " + key, 100 + key);
	}

	/**
	 * Put a value for every key and check that every one is then cached, so that a benchmark of
	 * hits measures hits.
	 * @throws IllegalStateException if the cache did not keep every key
	 */
	static void fill(BenchmarkCache cache, Integer[] keys, Peer peer) {
		for (Integer key : keys) {
			cache.put(key, valueFor(key));
		}
		for (Integer key : keys) {
			if (cache.get(key) == null) {
				throw new IllegalStateException(peer + " did not keep key " + key + " of " + keys.length);
			}
		}
	}

}
