/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import dev.faascache.benchmarks.Peer.BenchmarkCache;
import dev.faascache.benchmarks.ReferenceSet.Product;


/**
 * What the cache benchmarks share: the values they store, and filling a cache before measuring.
 */
final class Workload {

	private Workload() {
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
