/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link CacheStats}. Hits and misses are counted by readers that hold no
 * lock, so in striped adders that are cheap to increment from many threads (once the cache has a
 * {@link ReadBuffer}, its stripes count the hits and the misses of reads, and only those of
 * {@code computeIfAbsent} come here). Puts, evictions,
 * expirations and rejections are counted under the cache's eviction lock, so in plain fields
 * published with release semantics: adders for them would cost the empty cache 160 bytes.
 */
final class StatsCounter {

	private static final VarHandle PUTS = field("puts");

	private static final VarHandle SIZE_EVICTIONS = field("sizeEvictions");

	private static final VarHandle ITEMS_EVICTIONS = field("itemsEvictions");

	private static final VarHandle EXPIRATIONS = field("expirations");

	private static final VarHandle REJECTIONS = field("rejections");

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private volatile long puts;

	private volatile long sizeEvictions;

	private volatile long itemsEvictions;

	private volatile long expirations;

	private volatile long rejections;

	private static VarHandle field(String name) {
		try {
			return MethodHandles.lookup().findVarHandle(StatsCounter.class, name, long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	void recordHit() {
		this.hits.increment();
	}

	void recordMiss() {
		this.misses.increment();
	}

	/** Called under the eviction lock. */
	void recordPut() {
		PUTS.setRelease(this, this.puts + 1);
	}

	/** Called under the eviction lock. */
	void recordRejection() {
		REJECTIONS.setRelease(this, this.rejections + 1);
	}

	/** Called under the eviction lock. */
	void recordRemoval(RemovalCause cause) {
		switch (cause) {
			case SIZE -> SIZE_EVICTIONS.setRelease(this, this.sizeEvictions + 1);
			case ITEMS -> ITEMS_EVICTIONS.setRelease(this, this.itemsEvictions + 1);
			case EXPIRED -> EXPIRATIONS.setRelease(this, this.expirations + 1);
			default -> {
			}
		}
	}

	/**
	 * Return the counters now.
	 * @param bufferedHits hits counted by the read buffer rather than here
	 * @param bufferedMisses misses counted by the read buffer rather than here
	 */
	CacheStats snapshot(long bufferedHits, long bufferedMisses) {
		return new CacheStats(bufferedHits + this.hits.sum(), bufferedMisses + this.misses.sum(), this.puts,
				this.sizeEvictions, this.itemsEvictions, this.expirations, this.rejections);
	}

}
