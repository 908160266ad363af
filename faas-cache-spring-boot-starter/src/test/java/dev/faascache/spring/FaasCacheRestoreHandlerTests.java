/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.faascache.FaasCache;
import dev.faascache.FakeTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FaasCacheRestoreHandler}, calling its CRaC hooks directly with a fake ticker
 * and a fake wall clock, as a snapshot and a restore would.
 */
class FaasCacheRestoreHandlerTests {

	private final FakeTicker ticker = new FakeTicker();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));

	private final FaasCacheManager cacheManager = new FaasCacheManager((name) -> FaasCache.builder()
		.ticker(this.ticker)
		.defaultTtl(Duration.ofMinutes(10))
		.build());

	FaasCacheRestoreHandlerTests() {
		this.cacheManager.setCacheNames(List.of("products", "users"));
		this.cacheManager.afterPropertiesSet();
	}

	private FaasCacheRestoreHandler handler(RestorePolicy policy) {
		return new FaasCacheRestoreHandler(this.cacheManager, policy, this.ticker, this.clock);
	}

	/**
	 * Put "old" 8 minutes before the snapshot and "fresh" right before it, then restore after
	 * 5 minutes of wall-clock time of which the ticker saw only 1.
	 */
	private void snapshotAndRestore(FaasCacheRestoreHandler handler) {
		FaasSpringCache products = this.cacheManager.getCache("products");
		products.put("old", "1");
		advanceBoth(Duration.ofMinutes(8));
		products.put("fresh", "2");
		this.cacheManager.getCache("users").put("user", "3");
		handler.beforeCheckpoint(null);
		this.clock.advance(Duration.ofMinutes(5));
		this.ticker.advance(Duration.ofMinutes(1));
		handler.afterRestore(null);
	}

	private void advanceBoth(Duration duration) {
		this.clock.advance(duration);
		this.ticker.advance(duration);
	}

	@Test
	void expirePolicyExpiresEntriesWhoseTtlRanOutInWallClockTime() {
		snapshotAndRestore(handler(RestorePolicy.EXPIRE));
		FaasCache<Object, Object> products = this.cacheManager.getCache("products").getNativeCache();
		assertThat(products).containsOnlyKeys("fresh");
		assertThat(products.getTtl("fresh")).contains(Duration.ofMinutes(5));
		assertThat(this.cacheManager.getCache("users").getNativeCache().getTtl("user")).contains(Duration.ofMinutes(5));
	}

	@Test
	void expirePolicyWithoutCheckpointChangesNothing() {
		FaasSpringCache products = this.cacheManager.getCache("products");
		products.put("key", "value");
		this.clock.advance(Duration.ofHours(1));
		handler(RestorePolicy.EXPIRE).afterRestore(null);
		assertThat(products.getNativeCache()).containsOnlyKeys("key");
	}

	@Test
	void keepPolicyKeepsEveryEntryAsItWas() {
		snapshotAndRestore(handler(RestorePolicy.KEEP));
		FaasCache<Object, Object> products = this.cacheManager.getCache("products").getNativeCache();
		assertThat(products).containsOnlyKeys("old", "fresh");
		assertThat(products.getTtl("old")).contains(Duration.ofMinutes(1));
	}

	@Test
	void clearPolicyRemovesEveryEntry() {
		snapshotAndRestore(handler(RestorePolicy.CLEAR));
		assertThat(this.cacheManager.getCache("products").getNativeCache()).isEmpty();
		assertThat(this.cacheManager.getCache("users").getNativeCache()).isEmpty();
	}

	/**
	 * A wall clock that tests move by hand.
	 */
	static final class MutableClock extends Clock {

		private volatile Instant instant;

		MutableClock(Instant instant) {
			this.instant = instant;
		}

		void advance(Duration duration) {
			this.instant = this.instant.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("The zone of a test clock is fixed");
		}

		@Override
		public Instant instant() {
			return this.instant;
		}

	}

}
