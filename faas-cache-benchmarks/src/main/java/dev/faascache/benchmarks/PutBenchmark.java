/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.faascache.Sizer;
import dev.faascache.benchmarks.Peer.BenchmarkCache;
import dev.faascache.benchmarks.ReferenceSet.Product;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Writes at capacity: a cache full at {@link #items} entries (or at its byte budget) is given a
 * new key on every put, so every put evicts. {@link #sizeKeyAndValue} measures what the default
 * sizer alone costs for the same key and value, the part of a measured put that is not the
 * cache's own work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class PutBenchmark {

	/** The item bound; the byte budget is {@link Workload#bytesFor} it. */
	@Param("10000")
	public int items;

	@Param({ "FAAS_CACHE", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_SAME_THREAD", "CAFFEINE_BYTES",
			"CAFFEINE_BYTES_SAME_THREAD", "CAFFEINE_JAMM", "SYNCHRONIZED_LRU" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] freshKeys;

	private Product[] values;

	private int index;

	private final Sizer sizer = Sizer.deep();

	@Setup
	public void setup() {
		this.cache = Workload.filled(this.peer, this.items);
		this.freshKeys = Workload.freshKeys(this.items);
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

	/**
	 * Record the entries the peer holds at the end of its measurement, for the report.
	 */
	@TearDown
	public void recordEntries() {
		Occupancy.record("PutBenchmark/" + this.items + "/" + this.peer, this.cache);
	}

}
