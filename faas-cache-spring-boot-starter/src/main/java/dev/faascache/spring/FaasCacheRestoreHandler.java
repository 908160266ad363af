/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.faascache.Ticker;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jspecify.annotations.Nullable;

/**
 * A CRaC {@link Resource} that applies a {@link RestorePolicy} to every cache of a
 * {@link FaasCacheManager} when the JVM is restored from a snapshot, as AWS Lambda SnapStart
 * does, possibly days after the snapshot was taken.
 * <p>
 * The caches expire entries by a monotonic {@link Ticker}, which may not count the time the
 * snapshot sat on disk. Before the checkpoint the handler notes both the wall clock and the
 * ticker; after the restore, the wall-clock time that passed beyond what the ticker saw is the
 * gap the caches missed, and with {@link RestorePolicy#EXPIRE} every entry ages by it.
 * <p>
 * Policies act on the entries in this JVM's heap only: a second level, such as Redis, is shared
 * with the other instances and keeps its entries, and the handler needs no connection to it.
 * <p>
 * {@link #register()} registers the handler with the global CRaC context, which holds its
 * resources weakly: keep a strong reference to the handler, as a bean does.
 */
public class FaasCacheRestoreHandler implements Resource {

	private final FaasCacheManager cacheManager;

	private final RestorePolicy policy;

	private final Ticker ticker;

	private final Clock clock;

	private volatile @Nullable Instant checkpointInstant;

	private volatile long checkpointTicks;

	/**
	 * Create a handler.
	 * @param cacheManager the manager whose caches to look after
	 * @param policy what to do on restore
	 * @param ticker the ticker the caches use
	 * @param clock the wall clock
	 * @throws NullPointerException if an argument is {@code null}
	 */
	public FaasCacheRestoreHandler(FaasCacheManager cacheManager, RestorePolicy policy, Ticker ticker, Clock clock) {
		this.cacheManager = Objects.requireNonNull(cacheManager, "cacheManager must not be null");
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
	}

	/**
	 * Register this handler with the global CRaC context.
	 */
	public void register() {
		Core.getGlobalContext().register(this);
	}

	/**
	 * Return the policy applied on restore.
	 * @return the policy
	 */
	public RestorePolicy getPolicy() {
		return this.policy;
	}

	/**
	 * Note the wall clock and the ticker before the snapshot is taken.
	 */
	@Override
	public void beforeCheckpoint(Context<? extends Resource> context) {
		this.checkpointTicks = this.ticker.read();
		this.checkpointInstant = this.clock.instant();
	}

	/**
	 * Apply the policy to every cache of the manager.
	 */
	@Override
	public void afterRestore(Context<? extends Resource> context) {
		Instant checkpoint = this.checkpointInstant;
		switch (this.policy) {
			case KEEP -> {
			}
			case CLEAR -> this.cacheManager.getCacheNames().forEach((name) -> clearHeap(this.cacheManager.getCache(name)));
			case EXPIRE -> {
				if (checkpoint != null) {
					Duration unseen = Duration.between(checkpoint, this.clock.instant())
						.minusNanos(this.ticker.read() - this.checkpointTicks);
					if (!unseen.isNegative() && !unseen.isZero()) {
						this.cacheManager.getCacheNames().forEach((name) -> age(this.cacheManager.getCache(name), unseen));
					}
				}
			}
		}
	}

	/**
	 * Clear the entries of this instance only: those of a second level are shared with every other
	 * instance, which a restore of this one does not concern.
	 */
	private static void clearHeap(@Nullable FaasSpringCache cache) {
		if (cache != null) {
			cache.getNativeCache().clear();
		}
	}

	private static void age(@Nullable FaasSpringCache cache, Duration unseen) {
		if (cache != null) {
			cache.getNativeCache().advanceTime(unseen);
		}
	}

}
