/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.faascache.benchmarks.Peer.BenchmarkCache;
import dev.faascache.benchmarks.Peer.Bounds;

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
 * The cost of a read that hits in a cache holding 1,000, 100,000 or 1,000,000 entries: for an
 * O(1) cache it stays flat but for what the memory hierarchy adds, which the reads of a plain
 * {@code ConcurrentHashMap} show. Writes on large caches are measured by {@link PutBenchmark} and
 * {@link MixedBenchmark} with their {@code items} parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
public class ScalingBenchmark {

	@Param({ "1000", "100000", "1000000" })
	public int items;

	@Param({ "FAAS_CACHE", "CAFFEINE", "CAFFEINE_SAME_THREAD", "CONCURRENT_HASH_MAP" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] sequence;

	@Setup
	public void setup() {
		Integer[] keys = Keys.distinct(this.items);
		this.cache = this.peer.create(new Bounds(this.items, Long.MAX_VALUE));
		Workload.fill(this.cache, keys, this.peer);
		this.sequence = Keys.zipf(keys, 3);
	}

	@Benchmark
	public Object get(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.sequence));
	}

}
