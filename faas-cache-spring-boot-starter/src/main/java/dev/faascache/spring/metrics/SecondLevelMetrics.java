/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.metrics;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.faascache.spring.CacheCoherence;
import dev.faascache.spring.CircuitBreaker;
import dev.faascache.spring.Coherence;
import dev.faascache.spring.SecondLevelCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters for the second level of a cache: {@code cache.l2.gets} tagged
 * {@code result=hit|miss}, the lookups the remote cache answered; {@code cache.l2.errors}, the
 * calls that failed; {@code cache.l2.entry.errors}, the calls that failed because of their own key
 * or value; {@code cache.l2.skips}, the calls not made because the circuit breaker was
 * open; and {@code cache.l2.breaker.state}, 1 for the breaker's state and 0 for the others, tagged
 * {@code state=closed|open|half_open}.
 * <p>
 * For a cache whose heap is kept coherent with those of the other instances:
 * {@code cache.l2.coherence.invalidations}, the invalidations received from the others and
 * applied; {@code cache.l2.coherence.checks}, the reads of the cache's version after a gap;
 * {@code cache.l2.coherence.clears}, the times the heap was cleared to stay coherent;
 * {@code cache.l2.coherence.stale}, 1 while the cache will check its version before it answers
 * from the heap; {@code cache.l2.coherence.silence}, the time since the last message from the
 * channel; and {@code cache.l2.coherence.rejected}, tagged by manager only, the messages received
 * that were not invalidations.
 */
class SecondLevelMetrics implements MeterBinder {

	private final SecondLevelCache secondLevel;

	private final Tags tags;

	private final Tags managerTags;

	private final @Nullable CacheCoherence coherence;

	/**
	 * Create the meters for the second level of a cache.
	 * @param secondLevel the second level to instrument
	 * @param cacheName the name of the cache, for the {@code cache} tag
	 * @param coherence the coherence of the cache's heap, or {@code null} if it has none
	 * @param tags tags to apply to all meters
	 */
	SecondLevelMetrics(SecondLevelCache secondLevel, String cacheName, @Nullable CacheCoherence coherence,
			Iterable<Tag> tags) {
		this.secondLevel = Objects.requireNonNull(secondLevel, "secondLevel must not be null");
		this.coherence = coherence;
		this.managerTags = Tags.of(tags);
		this.tags = Tags.concat(tags, "cache", cacheName);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("cache.l2.gets", this.secondLevel, SecondLevelCache::hitCount)
			.tags(this.tags)
			.tag("result", "hit")
			.description("The number of lookups that found a value in the second level.")
			.register(registry);
		FunctionCounter.builder("cache.l2.gets", this.secondLevel, SecondLevelCache::missCount)
			.tags(this.tags)
			.tag("result", "miss")
			.description("The number of lookups that the second level answered without a value.")
			.register(registry);
		FunctionCounter.builder("cache.l2.errors", this.secondLevel, SecondLevelCache::errorCount)
			.tags(this.tags)
			.description("The number of calls to the second level that failed.")
			.register(registry);
		FunctionCounter.builder("cache.l2.entry.errors", this.secondLevel, SecondLevelCache::entryErrorCount)
			.tags(this.tags)
			.description("The number of calls to the second level that failed because of their own key or value.")
			.register(registry);
		FunctionCounter.builder("cache.l2.skips", this.secondLevel, SecondLevelCache::skipCount)
			.tags(this.tags)
			.description("The number of calls not made to the second level because its circuit breaker was open.")
			.register(registry);
		for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
			Gauge.builder("cache.l2.breaker.state", this.secondLevel,
					(level) -> (level.getCircuitBreaker().getState() == state) ? 1 : 0)
				.tags(this.tags)
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("Whether the circuit breaker of the second level is in this state.")
				.register(registry);
		}
		if (this.coherence != null) {
			bindCoherence(registry, this.coherence);
		}
	}

	private void bindCoherence(MeterRegistry registry, CacheCoherence coherence) {
		FunctionCounter.builder("cache.l2.coherence.invalidations", coherence, CacheCoherence::invalidationCount)
			.tags(this.tags)
			.description("The number of invalidations received from other instances and applied to the heap.")
			.register(registry);
		FunctionCounter.builder("cache.l2.coherence.checks", coherence, CacheCoherence::checkCount)
			.tags(this.tags)
			.description("The number of times the cache read its version in the second level after a gap.")
			.register(registry);
		FunctionCounter.builder("cache.l2.coherence.clears", coherence, CacheCoherence::clearCount)
			.tags(this.tags)
			.description("The number of times the heap was cleared to stay coherent with the other instances.")
			.register(registry);
		Gauge.builder("cache.l2.coherence.stale", coherence, (cache) -> cache.isStale() ? 1 : 0)
			.tags(this.tags)
			.description("Whether the cache checks its version in the second level before it answers from the heap.")
			.register(registry);
		TimeGauge.builder("cache.l2.coherence.silence", coherence.getCoherence(), TimeUnit.NANOSECONDS,
				(manager) -> manager.timeSinceLastMessage().toNanos())
			.tags(this.tags)
			.description("The time since the last message was received from the other instances.")
			.register(registry);
		FunctionCounter.builder("cache.l2.coherence.rejected", coherence.getCoherence(), Coherence::rejectedCount)
			.tags(this.managerTags)
			.description("The number of messages received from the channel that were not invalidations.")
			.register(registry);
	}

}
