/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time handling: expiry follows the monotonic {@link Ticker} only, so jumps of the wall clock
 * (NTP corrections, a container thawed days later) move no deadline, and no value of the ticker
 * or of a time to live makes the deadline arithmetic overflow into "already expired" or "never".
 */
class FaasCacheTimeTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration CENTURY = Duration.ofDays(36_525);

	private final FakeTicker ticker = new FakeTicker();

	private final JumpingClock clock = new JumpingClock();

	private final List<String> removals = new ArrayList<>();

	private FaasCache<String, String> newCache() {
		return FaasCache.<String, String>builder()
			.ticker(this.ticker)
			.clock(this.clock)
			.sizer((object) -> 100)
			.removalListener((key, value, cause) -> this.removals.add(key + ":" + cause))
			.build();
	}

	@Test
	void ttl_wallClockJumpsBothWays_doNotMoveExpiry() {
		FaasCache<String, String> cache = newCache();
		cache.put("a", "1", Duration.ofSeconds(10));

		this.clock.jump(Duration.ofDays(3));
		assertThat(cache.get("a")).isEqualTo("1");
		this.clock.jump(Duration.ofDays(-30));
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.getTtl("a")).contains(Duration.ofSeconds(10));

		this.ticker.advanceSeconds(9);
		assertThat(cache.get("a")).isEqualTo("1");
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).isNull();
	}

	@Test
	void expireAt_wallClockJumpsAfterConversion_doNotMoveDeadline() {
		FaasCache<String, String> cache = newCache();
		cache.put("a", "1");
		cache.expireAt("a", START.plusSeconds(30));

		this.clock.jump(Duration.ofHours(1));
		assertThat(cache.get("a")).as("live although the wall clock is past the instant").isEqualTo("1");
		this.clock.jump(Duration.ofHours(-2));
		this.ticker.advanceSeconds(29);
		assertThat(cache.get("a")).isEqualTo("1");
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).as("expired although the wall clock is before the instant").isNull();
	}

	@Test
	void expireAt_extremeInstants_saturateInsteadOfOverflowing() {
		FaasCache<String, String> cache = newCache();
		cache.put("far", "1");
		cache.put("past", "2");

		cache.expireAt("far", Instant.MAX);
		cache.expireAt("past", Instant.MIN);

		assertThat(cache.getTtl("far")).as("too far to count in nanoseconds: never").isEmpty();
		assertThat(cache.containsKey("past")).isFalse();
		this.ticker.advance(CENTURY);
		assertThat(cache.get("far")).isEqualTo("1");
	}

	/**
	 * {@link System#nanoTime()} may start anywhere, negative or just below {@link Long#MAX_VALUE},
	 * and wrap around while the cache runs. Deadlines are kept relative to the cache's first
	 * reading, so they work across the wrap.
	 */
	@ParameterizedTest
	@ValueSource(longs = { Long.MIN_VALUE, -1, 0, Long.MAX_VALUE - 5_000_000_000L, Long.MAX_VALUE })
	void ttl_tickerStartingAnywhereAndWrapping_expiresOnTime(long origin) {
		this.ticker.advance(Duration.ofNanos(origin - this.ticker.read()));
		FaasCache<String, String> cache = newCache();
		long empty = cache.getByteSize();
		cache.put("a", "1", Duration.ofSeconds(10));

		this.ticker.advanceSeconds(9);
		assertThat(cache.get("a")).isEqualTo("1");
		assertThat(cache.getTtl("a")).contains(Duration.ofSeconds(1));
		this.ticker.advanceSeconds(1);
		assertThat(cache.get("a")).isNull();
		cache.cleanUp();
		assertThat(cache.getByteSize()).isEqualTo(empty + TimerWheel.BUCKETS_BYTES + cache.tableBytes())
			.as("the empty cache, its timer wheel and first tables").isEqualTo(JvmLayout.bytes(440 + 1952 + 120, 400 + 1944 + 120));
		assertThat(this.removals).containsExactly("a:EXPIRED");
	}

	@Test
	void ttl_tooLongToCountFromNow_neverExpiresInsteadOfExpiringAtOnce() {
		FaasCache<String, String> cache = newCache();
		this.ticker.advance(CENTURY);
		cache.put("max", "1", Duration.ofSeconds(Long.MAX_VALUE));
		cache.put("nanos", "2", Duration.ofNanos(Long.MAX_VALUE));
		cache.put("century", "3", CENTURY);

		assertThat(cache.getTtl("max")).isEmpty();
		assertThat(cache.getTtl("nanos")).as("now + ttl passes Long.MAX_VALUE: saturated").isEmpty();
		assertThat(cache.getTtl("century")).contains(CENTURY);
		this.ticker.advance(CENTURY.minusSeconds(1));
		assertThat(cache).containsOnlyKeys("max", "nanos", "century");
		this.ticker.advanceSeconds(1);
		assertThat(cache).containsOnlyKeys("max", "nanos");
	}

	/**
	 * Regression: the unseen time was added to the ticker's reading without saturating, so a gap
	 * of {@code Long.MAX_VALUE} seconds wrapped the clock negative. An entry that should have
	 * expired stayed live, and an entry written afterwards was given a deadline that the next
	 * write found already passed.
	 */
	@Test
	void advanceTime_hugeGaps_expireEveryDueEntryAndLaterEntriesExpireOnTime() {
		FaasCache<String, String> cache = newCache();
		cache.put("short", "1", Duration.ofSeconds(10));
		cache.put("forever", "2");
		cache.advanceTime(Duration.ofSeconds(Long.MAX_VALUE));
		cache.advanceTime(Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(cache).containsOnlyKeys("forever");
		assertThat(this.removals).containsExactly("short:EXPIRED");

		cache.put("next", "3", Duration.ofSeconds(10));
		cache.put("other", "4");
		assertThat(cache).containsOnlyKeys("forever", "next", "other");
		assertThat(cache.getTtl("next")).contains(Duration.ofSeconds(10));
		this.ticker.advanceSeconds(9);
		cache.put("other", "5");
		assertThat(cache.get("next")).isEqualTo("3");
		this.ticker.advanceSeconds(1);
		assertThat(cache).containsOnlyKeys("forever", "other");
	}

	@Test
	void advanceTime_gapLongerThanAnyCountableTtl_expiresAlsoCenturyTtls() {
		FaasCache<String, String> cache = newCache();
		cache.put("century", "1", CENTURY);
		cache.put("max", "2", Duration.ofNanos(Long.MAX_VALUE - 1));
		cache.advanceTime(ChronoUnit.FOREVER.getDuration());
		assertThat(cache).as("a century is within the 146 years counted; Long.MAX_VALUE ns is not")
			.containsOnlyKeys("max");
	}

	/**
	 * Deadlines from a millisecond to a century, in every level of the timer wheel, and time that
	 * moves in jumps from a millisecond to decades: after each jump exactly the entries whose time
	 * to live has passed are gone, each reported once, and their bytes released.
	 */
	@Test
	void timerWheel_jumpsOfEveryScale_expireExactlyTheDueEntries() {
		FaasCache<String, String> cache = newCache();
		long entryBytes = 200 + Layout.NODE_OVERHEAD;
		long empty = cache.getByteSize();
		Map<String, Duration> ttls = new HashMap<>();
		Duration ttl = Duration.ofMillis(1);
		for (int i = 0; ttl.compareTo(CENTURY) < 0; i++) {
			ttls.put("k" + i, ttl);
			cache.put("k" + i, "v", ttl);
			ttl = ttl.plus(ttl.dividedBy(3)).plusNanos(i * 7_919L);
		}
		assertThat(ttls).hasSizeGreaterThan(90);

		Duration elapsed = Duration.ZERO;
		for (Duration jump : List.of(Duration.ofMillis(1), Duration.ofMillis(70), Duration.ofSeconds(1),
				Duration.ofMinutes(17), Duration.ofHours(20), Duration.ofDays(60), Duration.ofDays(3_000),
				Duration.ofDays(10_000), CENTURY)) {
			this.ticker.advance(jump);
			elapsed = elapsed.plus(jump);
			cache.cleanUp();
			Duration now = elapsed;
			List<String> live = ttls.entrySet().stream().filter((e) -> e.getValue().compareTo(now) > 0)
				.map(Map.Entry::getKey).toList();
			assertThat(cache.keySet()).as("after %s", elapsed).containsExactlyInAnyOrderElementsOf(live);
			assertThat(cache.getByteSize())
				.isEqualTo(empty + TimerWheel.BUCKETS_BYTES + cache.tableBytes() + live.size() * entryBytes);
			assertThat(this.removals).hasSize(ttls.size() - live.size()).doesNotHaveDuplicates();
		}
	}

	/** A wall clock that tests move by hand, forwards or backwards. */
	private static final class JumpingClock extends Clock {

		private Instant now = START;

		void jump(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
