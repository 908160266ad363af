/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.faascache.Sizer;
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
 * Writes at capacity: a cache full at {@value #ITEMS} entries (or at its byte budget) is given a
 * new key on every put, so every put evicts. {@link #sizeKeyAndValue} measures what the default
 * sizer alone costs for the same key and value, the part of a measured put that is not the
 * cache's own work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class PutBenchmark {

	static final int ITEMS = 10_000;

	@Param({ "FAAS_CACHE", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_WEIGHED", "SYNCHRONIZED_LRU" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] freshKeys;

	private Product[] values;

	private int index;

	private final Sizer sizer = Sizer.deep();

	@Setup
	public void setup() {
		Integer[] keys = Keys.distinct(ITEMS);
		// a byte budget a little below what the item count allows, so that bytes bound it
		long maxBytes = ITEMS * 200L;
		this.cache = this.peer.create(new Bounds(ITEMS, maxBytes));
		for (Integer key : keys) {
			this.cache.put(key, Workload.valueFor(key));
		}
		this.freshKeys = Workload.freshKeys(ITEMS);
		this.values = Workload.values(Workload.VALUES);
	}

	@Benchmark
	public void put() {
		int i = this.index++;
		this.cache.put(this.freshKeys[i & (Workload.FRESH_KEYS - 1)], this.values[i & (Workload.VALUES - 1)]);
	}

	@Benchmark
	public long sizeKeyAndValue() {
		int i = this.index++;
		return this.sizer.sizeOf(this.freshKeys[i & (Workload.FRESH_KEYS - 1)])
				+ this.sizer.sizeOf(this.values[i & (Workload.VALUES - 1)]);
	}

}
