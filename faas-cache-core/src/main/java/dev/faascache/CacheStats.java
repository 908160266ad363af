/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * A snapshot of a cache's statistics since it was built. Counters only grow.
 *
 * @param hitCount reads that found a live entry
 * @param missCount reads that found no live entry
 * @param putCount values stored (new or replacing)
 * @param sizeEvictionCount entries evicted to respect the byte budget
 * @param itemsEvictionCount entries evicted to respect the item count
 * @param expirationCount entries removed because their time to live ran out
 * @param rejectionCount writes refused because the entry alone exceeded the byte budget
 * @see FaasCache#stats()
 */
public record CacheStats(long hitCount, long missCount, long putCount, long sizeEvictionCount,
		long itemsEvictionCount, long expirationCount, long rejectionCount) {

	/**
	 * Return the number of reads: hits plus misses.
	 * @return the request count
	 */
	public long requestCount() {
		return this.hitCount + this.missCount;
	}

	/**
	 * Return the share of reads that were hits, or {@code 1.0} when there were no reads.
	 * @return the hit rate, from 0.0 to 1.0
	 */
	public double hitRate() {
		long requests = requestCount();
		return (requests != 0) ? (double) this.hitCount / requests : 1.0;
	}

	/**
	 * Return the number of entries the cache removed on its own: evicted by either bound (bytes
	 * or items) or expired. These are the removals whose cause
	 * {@linkplain RemovalCause#wasEvicted() was an eviction}; removals and replacements by the
	 * user are not counted.
	 * @return the eviction count
	 */
	public long evictionCount() {
		return this.sizeEvictionCount + this.itemsEvictionCount + this.expirationCount;
	}

}
