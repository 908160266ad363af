/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * Reads and writes mixed, 80% to 20%, from two threads: Zipf-distributed keys over twice as many
 * keys as the cache holds, so cold keys miss, and writing them evicts. The sequence is long enough
 * ({@link Keys#lengthCovering}) that a large cache does not come to hold all the keys it replays. {@link HitCounter} counts
 * the reads that hit, since a cache that evicts the wrong entries misses more and may look faster
 * for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class MixedBenchmark {

	/** The item bound; the byte budget is {@link Workload#bytesFor} it. */
	@Param("10000")
	public int items;

	@Param({ "FAAS_CACHE", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_SAME_THREAD", "CAFFEINE_BYTES",
			"CAFFEINE_BYTES_SAME_THREAD", "SYNCHRONIZED_LRU" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] sequence;

	private Product[] values;

	@Setup
	public void setup() {
		this.cache = Workload.filled(this.peer, this.items);
		Integer[] keys = Keys.distinct(2 * this.items);
		this.sequence = Keys.zipf(keys, 2, Keys.lengthCovering(keys.length));
		this.values = Workload.values(keys.length);
	}

	@Benchmark
	public Object readMostly(KeyCursor cursor, HitCounter counter) {
		int step = cursor.index;
		Integer key = cursor.next(this.sequence);
		if (step % 5 == 0) {
			this.cache.put(key, this.values[key]);
			return key;
		}
		return counter.count(this.cache.get(key));
	}

	/**
	 * Record the entries the peer holds at the end of its measurement, for the report.
	 */
	@TearDown
	public void recordEntries() {
		Occupancy.record("MixedBenchmark/" + this.items + "/" + this.peer, this.cache);
	}

}
