/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.atomic.LongAdder;

/**
 * Striped counters behind {@link CacheStats}: cheap to increment from many threads. Most hits
 * are counted by the {@link ReadBuffer} that records them, and only the others here.
 */
final class StatsCounter {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final LongAdder puts = new LongAdder();

	private final LongAdder sizeEvictions = new LongAdder();

	private final LongAdder itemsEvictions = new LongAdder();

	private final LongAdder expirations = new LongAdder();

	private final LongAdder rejections = new LongAdder();

	void recordHit() {
		this.hits.increment();
	}

	void recordMiss() {
		this.misses.increment();
	}

	void recordPut() {
		this.puts.increment();
	}

	void recordRejection() {
		this.rejections.increment();
	}

	void recordRemoval(RemovalCause cause) {
		switch (cause) {
			case SIZE -> this.sizeEvictions.increment();
			case ITEMS -> this.itemsEvictions.increment();
			case EXPIRED -> this.expirations.increment();
			default -> {
			}
		}
	}

	/**
	 * Return the counters now.
	 * @param bufferedHits hits counted by the read buffer rather than here
	 */
	CacheStats snapshot(long bufferedHits) {
		return new CacheStats(bufferedHits + this.hits.sum(), this.misses.sum(), this.puts.sum(), this.sizeEvictions.sum(),
				this.itemsEvictions.sum(), this.expirations.sum(), this.rejections.sum());
	}

}
