/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One byte budget shared by several caches, so that a function can bound all of its caches
 * together: when their bytes together would exceed it, the least recently used entry across all
 * of them is evicted first. Each cache's own bounds still apply.
 * <pre class="code">
 * SharedBudget budget = SharedBudget.of("25%");
 * FaasCache&lt;String, Product&gt; products = FaasCache.&lt;String, Product&gt;builder().sharedBudget(budget).build();
 * FaasCache&lt;String, User&gt; users = FaasCache.&lt;String, User&gt;builder().sharedBudget(budget).maxSize("8M").build();
 * </pre>
 * The budget holds at every moment, as a single cache's bound does: a write that adds bytes to a
 * member first takes the budget's lock, evicts across the members what it must, and only then
 * stores its entry, or refuses it with {@link EntryTooLargeException} before evicting anything
 * when it could not fit even with every other entry gone (the members' own structures and hash
 * tables stay). Removals, reads and expiry do not take the budget's lock.
 * <p>
 * <b>Note:</b> writes to all member caches are therefore serialised on one lock, every member
 * stamps each use of an entry from one shared counter, and an eviction briefly takes the lock of
 * each member to find the eldest entry: keep the number of member caches small (tens, not
 * thousands). Functions passed to {@code compute*} and {@code merge} of a member run outside the
 * budget's lock, and may read and write other members.
 */
public final class SharedBudget {

	private final ByteSize maxSize;

	/** Bytes all members account; changed under the lock when it grows, by any thread when it shrinks. */
	private final AtomicLong bytes = new AtomicLong();

	/**
	 * Bytes of the members' own structures and hash tables, which no eviction releases. Written
	 * under the lock.
	 */
	private volatile long fixedBytes;

	private final AtomicLong accessSequence = new AtomicLong();

	private final List<FaasCache<?, ?>> members = new CopyOnWriteArrayList<>();

	/**
	 * Taken before a member's own lock by every operation that may add bytes, and never while a
	 * member's lock is held without it, so that the order is always budget, then members.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/** Removal notifications of members, held until the lock is released; guarded by the lock. */
	private List<Runnable> deferred = new ArrayList<>();

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

	/**
	 * Add a cache whose structure takes the given bytes, evicting other members' least recently
	 * used entries if they leave no room for it.
	 */
	void register(FaasCache<?, ?> cache, long structureBytes) {
		lock();
		try {
			Checks.requireArgument(this.fixedBytes + structureBytes < this.maxSize.toBytes(),
					"The shared budget of %s has no room left for another cache, whose structure takes %s bytes",
					this.maxSize, structureBytes);
			makeRoom(structureBytes, null);
			this.fixedBytes += structureBytes;
			this.bytes.addAndGet(structureBytes);
			this.members.add(cache);
		}
		finally {
			unlock(null);
		}
	}

	/**
	 * Return how many bytes a member may add, with every other entry of every member evicted and
	 * its fixed bytes grown by {@code fixedGrowth}. Called under the lock.
	 */
	long roomFor(long fixedGrowth) {
		return this.maxSize.toBytes() - this.fixedBytes - fixedGrowth;
	}

	/**
	 * Return the bytes of the members' structures and tables, which the budget cannot release.
	 */
	long fixedBytes() {
		return this.fixedBytes;
	}

	/** Account bytes of entries, added under the lock or released by any thread. */
	void add(long delta) {
		this.bytes.addAndGet(delta);
	}

	/**
	 * Account bytes a member's structure grows by, if the budget holds them without evicting;
	 * called by a member under its own lock, which must not wait for the budget's.
	 * @return whether the bytes were accounted
	 */
	boolean tryAddFixed(long delta) {
		if (!this.lock.tryLock()) {
			return false;
		}
		try {
			if (this.bytes.get() + delta > this.maxSize.toBytes()) {
				return false;
			}
			addFixed(delta);
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Account the growth of a member's hash table or structure. Called under the lock. */
	void addFixed(long delta) {
		this.fixedBytes += delta;
		this.bytes.addAndGet(delta);
	}

	long nextStamp() {
		return this.accessSequence.incrementAndGet();
	}

	/**
	 * Evict least recently used entries across the members until {@code needed} more bytes fit.
	 * Called under the lock, and under the lock of the writing member, which already checked that
	 * the bytes fit once every entry but {@code spare} is gone.
	 * @param spare the entry the writer is replacing, whose bytes {@code needed} already counts as
	 * released, or {@code null}
	 */
	void makeRoom(long needed, Object spare) {
		while (this.bytes.get() + needed > this.maxSize.toBytes()) {
			FaasCache<?, ?> victim = null;
			long eldest = Long.MAX_VALUE;
			for (FaasCache<?, ?> member : this.members) {
				long stamp = member.eldestAccessStamp(spare);
				if (stamp < eldest) {
					eldest = stamp;
					victim = member;
				}
			}
			if (victim == null) {
				return;
			}
			victim.evictEldest(eldest, spare);
		}
	}

	void lock() {
		this.lock.lock();
	}

	boolean isHeldByCurrentThread() {
		return this.lock.isHeldByCurrentThread();
	}

	/**
	 * Hold a member's removal notifications until the lock is released, so that listeners never
	 * run in the middle of another member's write. Called under the lock.
	 */
	void defer(Runnable notification) {
		this.deferred.add(notification);
	}

	/**
	 * Release the lock; when it is released for good, run the notifications held, and then
	 * {@code last}, outside any lock.
	 */
	void unlock(Runnable last) {
		if (this.lock.getHoldCount() > 1) {
			if (last != null) {
				this.deferred.add(last);
			}
			this.lock.unlock();
			return;
		}
		List<Runnable> notifications = null;
		if (!this.deferred.isEmpty()) {
			notifications = this.deferred;
			this.deferred = new ArrayList<>();
		}
		this.lock.unlock();
		if (notifications != null) {
			notifications.forEach(Runnable::run);
		}
		if (last != null) {
			last.run();
		}
	}

}
