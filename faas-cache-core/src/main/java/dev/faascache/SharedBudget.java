/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One byte budget shared by several caches, so that a function can bound all of its caches
 * together: when their bytes together exceed it, the least recently used entry across all of them
 * is evicted first. Each cache's own bounds still apply.
 * <pre class="code">
 * SharedBudget budget = SharedBudget.of("25%");
 * FaasCache&lt;String, Product&gt; products = FaasCache.&lt;String, Product&gt;builder().sharedBudget(budget).build();
 * FaasCache&lt;String, User&gt; users = FaasCache.&lt;String, User&gt;builder().sharedBudget(budget).maxSize("8M").build();
 * </pre>
 * <b>Note:</b> every member cache stamps each use of an entry from one shared counter, and an
 * eviction for the shared budget briefly takes the lock of each member to find the eldest entry,
 * so keep the number of member caches small (tens, not thousands). Functions passed to
 * {@code compute*} and {@code merge} of a member must not write to another member.
 */
public final class SharedBudget {

	private final ByteSize maxSize;

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicLong structureBytes = new AtomicLong();

	private final AtomicLong accessSequence = new AtomicLong();

	private final List<FaasCache<?, ?>> members = new CopyOnWriteArrayList<>();

	private final ReentrantLock evictionLock = new ReentrantLock();

	private SharedBudget(ByteSize maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Create a budget of the given size.
	 * @param maxSize the size, such as {@code "256M"} or {@code "25%"} of the heap (see {@link ByteSize})
	 * @return a new budget with no member caches
	 * @throws NullPointerException if {@code maxSize} is {@code null}
	 * @throws IllegalArgumentException if {@code maxSize} is malformed
	 */
	public static SharedBudget of(String maxSize) {
		return new SharedBudget(ByteSize.parse(maxSize));
	}

	/**
	 * Create a budget of the given number of bytes.
	 * @param maxBytes the size in bytes
	 * @return a new budget with no member caches
	 * @throws IllegalArgumentException if {@code maxBytes} is not positive
	 */
	public static SharedBudget of(long maxBytes) {
		return new SharedBudget(ByteSize.ofBytes(maxBytes));
	}

	/**
	 * Create a budget of the given size.
	 * @param maxSize the size, as parsed by {@link ByteSize#parse(String)}
	 * @return a new budget with no member caches
	 * @throws NullPointerException if {@code maxSize} is {@code null}
	 */
	public static SharedBudget of(ByteSize maxSize) {
		return new SharedBudget(Objects.requireNonNull(maxSize, "maxSize must not be null"));
	}

	/**
	 * Return the size of the budget, as it was written.
	 * @return the size
	 */
	public ByteSize getMaxSize() {
		return this.maxSize;
	}

	/**
	 * Return the bytes all member caches account now, their own structures included.
	 * @return the size in bytes
	 */
	public long getByteSize() {
		return this.bytes.get();
	}

	@Override
	public String toString() {
		return "SharedBudget{maxSize=" + this.maxSize + ", bytes=" + getByteSize() + ", caches=" + this.members.size()
				+ "}";
	}

	void register(FaasCache<?, ?> cache, long structureBytes) {
		Checks.requireArgument(structureBytes + this.bytes.get() < this.maxSize.toBytes(),
				"The shared budget of %s has no room left for another cache, whose structure takes %s bytes",
				this.maxSize, structureBytes);
		this.bytes.addAndGet(structureBytes);
		this.structureBytes.addAndGet(structureBytes);
		this.members.add(cache);
	}

	/**
	 * Return the largest entry a member cache may accept.
	 */
	long maxEntryBytes() {
		return this.maxSize.toBytes() - this.structureBytes.get();
	}

	void add(long delta) {
		this.bytes.addAndGet(delta);
	}

	long nextStamp() {
		return this.accessSequence.incrementAndGet();
	}

	/**
	 * Evict least recently used entries across the member caches until the budget holds. Called
	 * by a member after it released its own lock; never called with a member's lock held, so the
	 * lock order is always budget, then member.
	 */
	void evictIfOver() {
		if (this.bytes.get() <= this.maxSize.toBytes() || this.evictionLock.isHeldByCurrentThread()) {
			return;
		}
		this.evictionLock.lock();
		try {
			while (this.bytes.get() > this.maxSize.toBytes()) {
				FaasCache<?, ?> victim = null;
				long eldest = Long.MAX_VALUE;
				for (FaasCache<?, ?> member : this.members) {
					long stamp = member.eldestAccessStamp();
					if (stamp < eldest) {
						eldest = stamp;
						victim = member;
					}
				}
				if (victim == null) {
					return;
				}
				victim.evictEldest(eldest);
			}
		}
		finally {
			this.evictionLock.unlock();
		}
	}

}
