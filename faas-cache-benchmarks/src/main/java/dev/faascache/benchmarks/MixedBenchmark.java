/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.faascache.benchmarks.Peer.BenchmarkCache;
import dev.faascache.benchmarks.Peer.Bounds;
import dev.faascache.benchmarks.ReferenceSet.Product;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Reads and writes mixed, 80% to 20%, from two threads: Zipf-distributed keys over twice as many
 * keys as the cache holds, so cold keys miss, and writing them evicts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class MixedBenchmark {

	static final int ITEMS = 10_000;

	@Param({ "FAAS_CACHE", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_WEIGHED", "SYNCHRONIZED_LRU" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] sequence;

	private Product[] values;

	@Setup
	public void setup() {
		Integer[] keys = Keys.distinct(2 * ITEMS);
		this.cache = this.peer.create(new Bounds(ITEMS, ITEMS * 200L));
		for (int i = 0; i < ITEMS; i++) {
			this.cache.put(keys[i], Workload.valueFor(i));
		}
		this.sequence = Keys.zipf(keys, 2);
		this.values = Workload.values(keys.length);
	}

	@Benchmark
	public Object readMostly(KeyCursor cursor) {
		int step = cursor.index;
		Integer key = cursor.next(this.sequence);
		if (step % 5 == 0) {
			this.cache.put(key, this.values[key]);
			return key;
		}
		return this.cache.get(key);
	}

}
