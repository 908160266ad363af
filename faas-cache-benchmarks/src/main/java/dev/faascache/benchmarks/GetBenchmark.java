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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Reads that hit: a cache filled with {@value #ITEMS} entries, read with Zipf-distributed keys,
 * every read a hit: every peer holds all {@value #ITEMS}, which {@link Workload#fill} checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GetBenchmark {

	static final int ITEMS = 10_000;

	@Param({ "FAAS_CACHE", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_SAME_THREAD", "CAFFEINE_BYTES",
			"CAFFEINE_BYTES_SAME_THREAD", "SYNCHRONIZED_LRU", "SPRING_CONCURRENT_MAP", "CONCURRENT_HASH_MAP" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] sequence;

	@Setup
	public void setup() {
		Integer[] keys = Keys.distinct(ITEMS);
		this.cache = this.peer.create(new Bounds(ITEMS, 256L << 20));
		Workload.fill(this.cache, keys, this.peer);
		this.sequence = Keys.zipf(keys, 1);
	}

	/**
	 * Record the entries the peer holds at the end of its measurement, for the report.
	 */
	@TearDown
	public void recordEntries() {
		Occupancy.record("GetBenchmark/" + this.peer, this.cache);
	}


	@Benchmark
	@Threads(1)
	public Object getHit_1thread(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.sequence));
	}

	@Benchmark
	@Threads(2)
	public Object getHit_2threads(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.sequence));
	}

}
