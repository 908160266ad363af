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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Caches of {@link Integer} keys and values, small and large, with every entry measured by the
 * default sizer for the FaasCache peers: the write path's own cost, where an entry is cheap to
 * measure and a large table misses the processor's caches. Each cache is filled with the keys
 * {@code 0 .. items - 1} before measuring, in the trial's setup:
 * <ul>
 * <li>{@code put} writes a key never cached before on every call, so every put evicts; with two
 * threads each writes its own keys;</li>
 * <li>{@code mixed} reads and writes 80/20 over twice as many Zipf keys as the cache holds, so cold
 * keys miss and writing them evicts, counting the reads that hit;</li>
 * <li>{@code get} reads the keys held with a Zipf distribution, every read a hit, which the setup
 * checks.</li>
 * </ul>
 * The peers bounded by bytes are given {@link #ROOMY_BYTES}, so that the item bound binds in every
 * peer and all hold the same entries: what differs is the cost of the configuration.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IntegerEntriesBenchmark {

	/** The byte budget of the peers bounded by bytes: more than any of these caches takes. */
	static final long ROOMY_BYTES = 1L << 30;

	/** The item bound. */
	@Param({ "10000", "131072" })
	public int items;

	@Param({ "FAAS_CACHE_MEASURED", "FAAS_CACHE_BYTES", "CAFFEINE", "CAFFEINE_SAME_THREAD", "SYNCHRONIZED_LRU" })
	public Peer peer;

	private BenchmarkCache cache;

	private Integer[] freshKeys;

	private Integer[] hits;

	private Integer[] mixed;

	@Setup
	public void setup() {
		Integer[] held = Keys.distinct(this.items);
		this.cache = this.peer.create(new Bounds(this.items, ROOMY_BYTES));
		for (Integer key : held) {
			this.cache.put(key, key);
		}
		for (Integer key : held) {
			if (this.cache.get(key) == null) {
				throw new IllegalStateException(this.peer + " did not keep key " + key + " of " + this.items);
			}
		}
		this.freshKeys = Workload.freshKeys(this.items);
		this.hits = Keys.zipf(held, 4);
		this.mixed = Keys.zipf(Keys.distinct(2 * this.items), 5, Keys.lengthCovering(2 * this.items));
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	@Threads(1)
	public void put_1thread(FreshKeyCursor cursor) {
		putFresh(cursor);
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	@Threads(2)
	public void put_2threads(FreshKeyCursor cursor) {
		putFresh(cursor);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@Threads(1)
	public Object mixed_1thread(KeyCursor cursor, HitCounter counter) {
		return readMostly(cursor, counter);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@Threads(2)
	public Object mixed_2threads(KeyCursor cursor, HitCounter counter) {
		return readMostly(cursor, counter);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@Threads(1)
	public Object get_1thread(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.hits));
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@Threads(2)
	public Object get_2threads(KeyCursor cursor) {
		return this.cache.get(cursor.next(this.hits));
	}

	private void putFresh(FreshKeyCursor cursor) {
		Integer key = cursor.next(this.freshKeys);
		this.cache.put(key, key);
	}

	private Object readMostly(KeyCursor cursor, HitCounter counter) {
		int step = cursor.index;
		Integer key = cursor.next(this.mixed);
		if (step % 5 == 0) {
			this.cache.put(key, key);
			return key;
		}
		return counter.count(this.cache.get(key));
	}

	/**
	 * Record the entries the peer holds at the end of its measurement, for the report, under the
	 * benchmark method's name: each leaves the cache in its own state.
	 */
	@TearDown
	public void recordEntries(BenchmarkParams params) {
		String benchmark = params.getBenchmark();
		Occupancy.record(benchmark.substring(benchmark.lastIndexOf('.') + 1) + "/" + this.items + "/" + this.peer,
				this.cache);
	}

	/**
	 * A thread's place in the keys never cached before: each thread starts in its own share of
	 * them, so that two writers never write the same key, and a key comes back only after far more
	 * puts than any of these caches holds.
	 */
	@State(Scope.Thread)
	public static class FreshKeyCursor {

		private int index;

		@Setup
		public void setup(ThreadParams thread) {
			this.index = thread.getThreadIndex() * (Workload.FRESH_KEYS / thread.getThreadCount());
		}

		Integer next(Integer[] keys) {
			return keys[this.index++ & (Workload.FRESH_KEYS - 1)];
		}

	}

}
