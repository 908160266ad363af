/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import dev.faascache.FaasCache;
import dev.faascache.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the heaps of the two-level caches of every instance coherent: a change made on one
 * instance (an eviction, a write, a clear) is announced on a channel, and each other instance
 * drops its heap copy when the message arrives. Messages are delivered by the transport's own
 * threads, such as Lettuce's event loop; this class starts none.
 * <p>
 * Messages may be missed: while the instance is frozen, while its connection is down, after a
 * restore from a snapshot. So each change also increments the cache's version in the remote
 * server, and a cache that has heard nothing for {@code maxSilence}, or whose subscription was
 * lost or made again, checks that version before it answers from the heap, and drops its heap if
 * it missed a change (see {@link CacheCoherence}). In steady state, a heap hit costs a read of
 * the ticker and no remote call.
 * <p>
 * An instance ignores its own messages, so that it never drops a value it has just written.
 */
public final class Coherence {

	private static final Log logger = LogFactory.getLog(Coherence.class);

	private final CoherenceTransport transport;

	private final Ticker ticker;

	private final long maxSilenceNanos;

	private final Predicate<String> coherentCaches;

	private final ErrorLog errorLog;

	private final TrustedClasses keyClasses;

	private final String instanceId = UUID.randomUUID().toString();

	private final Map<String, CacheCoherence> caches = new ConcurrentHashMap<>();

	private final LongAdder rejected = new LongAdder();

	private volatile boolean listening;

	private volatile long lastMessageAt;

	/**
	 * Create the coherence of the caches of a manager.
	 * @param transport how the instances reach each other
	 * @param ticker the source of time, the one of the caches
	 * @param maxSilence how long a cache may go without a message before it checks its version
	 * before answering from the heap
	 * @param logInterval the shortest time between two logged errors
	 * @param coherentCaches tells the names of the caches to keep coherent
	 * @param keyClasses the classes that the enum and record keys of invalidations are read back
	 * as; the invalidation of a key of another class clears the heap of its cache
	 * @throws IllegalArgumentException if {@code maxSilence} is not positive
	 */
	public Coherence(CoherenceTransport transport, Ticker ticker, Duration maxSilence, Duration logInterval,
			Predicate<String> coherentCaches, TrustedClasses keyClasses) {
		this.transport = Objects.requireNonNull(transport, "transport must not be null");
		this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
		if (maxSilence.isNegative() || maxSilence.isZero()) {
			throw new IllegalArgumentException("maxSilence must be positive but was " + maxSilence);
		}
		this.maxSilenceNanos = maxSilence.toNanos();
		this.errorLog = new ErrorLog(ticker, logInterval, "failed to");
		this.coherentCaches = Objects.requireNonNull(coherentCaches, "coherentCaches must not be null");
		this.keyClasses = Objects.requireNonNull(keyClasses, "keyClasses must not be null");
		this.lastMessageAt = ticker.read();
	}

	/**
	 * Listen to the channel now, so that the first lookups need not subscribe. A failure is
	 * logged, and the caches subscribe on their next lookup instead.
	 */
	public void start() {
		try {
			listenIfNeeded();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not subscribe to the invalidations of the other instances; the caches check their "
					+ "version before they answer from the heap, and subscribe, once Redis answers: " + ex);
		}
	}

	/**
	 * Keep the heap of the named cache coherent, if that cache is to be.
	 * @param name the cache name
	 * @param heap the cache's heap
	 * @param secondLevel the cache's second level, whose breaker guards the calls of coherence
	 * @return the coherence of the cache, or {@code null} if it is not kept coherent
	 */
	@Nullable CacheCoherence register(String name, FaasCache<Object, Object> heap, SecondLevelCache secondLevel) {
		if (!this.coherentCaches.test(name)) {
			return null;
		}
		CacheCoherence cache = new CacheCoherence(name, this, heap, secondLevel, this.listening);
		this.caches.put(name, cache);
		return cache;
	}

	/**
	 * Apply a message received on the channel: drop the entry or entries it names from the heap
	 * of its cache, unless this instance sent it. A message that is not an invalidation is
	 * counted and ignored. Never throws, apart from errors the JVM may not survive.
	 * @param message the message
	 */
	public void onMessage(String message) {
		this.lastMessageAt = this.ticker.read();
		Invalidation invalidation = Invalidation.parse(message);
		CacheCoherence cache = (invalidation != null) ? this.caches.get(invalidation.cacheName()) : null;
		try {
			if (invalidation == null || (cache != null && !cache.apply(invalidation))) {
				this.rejected.increment();
			}
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			// thrown by a removal listener or the heap: the message is still received
			this.rejected.increment();
			this.errorLog.error(invalidation.cacheName(), "apply an invalidation", ex);
		}
	}

	/**
	 * Note that the client subscribed again by itself, after the connection was lost: messages
	 * sent meanwhile were missed, so every cache checks its version
	 * before it answers from the heap again.
	 */
	public void onListening() {
		this.listening = true;
		this.lastMessageAt = this.ticker.read();
		this.caches.values().forEach(CacheCoherence::markStale);
	}

	/**
	 * Note that the subscription was lost: until it is back, every cache checks its version
	 * before it answers from the heap.
	 */
	public void onDisconnected() {
		this.listening = false;
		this.caches.values().forEach(CacheCoherence::markStale);
	}

	/**
	 * Return whether a cache last checked at the given time may answer from its heap without
	 * checking again: the subscription is in place and a message, or the check, came recently.
	 */
	boolean isCurrent(long checkedAt) {
		if (!this.listening) {
			return false;
		}
		long now = this.ticker.read();
		return now - Math.max(this.lastMessageAt, checkedAt) < this.maxSilenceNanos;
	}

	/**
	 * Subscribe if the subscription is not in place.
	 * @throws RuntimeException if the subscription cannot be made
	 */
	void listenIfNeeded() {
		if (!this.listening && this.transport.listen(this)) {
			this.lastMessageAt = this.ticker.read();
			this.listening = true;
		}
	}

	/**
	 * Return the time since the last message was received or the subscription was made.
	 * @return the time since the instance last heard from the channel
	 */
	public Duration timeSinceLastMessage() {
		return Duration.ofNanos(Math.max(0, this.ticker.read() - this.lastMessageAt));
	}

	/**
	 * Return how many messages received on the channel were not invalidations, or could not be
	 * applied: garbled, or naming a key in a form that no instance writes. Messages for caches
	 * this instance does not have are not counted.
	 * @return the number of rejected messages
	 */
	public long rejectedCount() {
		return this.rejected.sum();
	}

	/**
	 * Return whether the subscription is in place.
	 * @return {@code true} if messages are being received
	 */
	public boolean isListening() {
		return this.listening;
	}

	/**
	 * Return the id this instance sends with its messages.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.instanceId;
	}

	CoherenceTransport transport() {
		return this.transport;
	}

	Ticker ticker() {
		return this.ticker;
	}

	TrustedClasses keyClasses() {
		return this.keyClasses;
	}

}
