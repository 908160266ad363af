/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.faascache.FakeTicker;
import dev.faascache.spring.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CircuitBreaker}, with a fake ticker.
 */
class CircuitBreakerTests {

	private final FakeTicker ticker = new FakeTicker();

	private final AtomicInteger probes = new AtomicInteger();

	private final CircuitBreaker breaker = new CircuitBreaker(this.ticker, 3, Duration.ofSeconds(10),
			this.probes::incrementAndGet);

	@Test
	void staysClosedBelowTheThreshold() {
		fail(2);
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.tryAcquire()).isTrue();
	}

	@Test
	void successResetsTheFailuresInARow() {
		fail(2);
		this.breaker.recordSuccess();
		fail(2);
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void opensAtTheThresholdAndRefusesCallsUntilTheOpenDurationHasPassed() {
		fail(3);
		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
		assertThat(this.breaker.tryAcquire()).isFalse();
		this.ticker.advance(Duration.ofSeconds(10).minusNanos(1));
		assertThat(this.breaker.tryAcquire()).isFalse();
		assertThat(this.probes).hasValue(0);
	}

	@Test
	void letsOneProbeThroughOnceOpenDurationHasPassed() {
		fail(3);
		this.ticker.advance(Duration.ofSeconds(10));
		assertThat(this.breaker.tryAcquire()).isTrue();
		assertThat(this.breaker.getState()).isEqualTo(State.HALF_OPEN);
		assertThat(this.probes).as("probes prepared").hasValue(1);
		assertThat(this.breaker.tryAcquire()).as("a second caller during the probe").isFalse();
	}

	@Test
	void successfulProbeClosesTheBreaker() {
		fail(3);
		this.ticker.advance(Duration.ofSeconds(10));
		this.breaker.tryAcquire();
		this.breaker.recordSuccess();
		assertThat(this.breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.breaker.tryAcquire()).isTrue();
	}

	@Test
	void failedProbeOpensTheBreakerForAnotherOpenDuration() {
		fail(3);
		this.ticker.advance(Duration.ofSeconds(10));
		this.breaker.tryAcquire();
		this.breaker.recordFailure();
		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
		this.ticker.advance(Duration.ofSeconds(9));
		assertThat(this.breaker.tryAcquire()).isFalse();
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(this.breaker.tryAcquire()).isTrue();
		assertThat(this.probes).hasValue(2);
	}

	@Test
	void probeGoesAheadWhenPreparingItFails() {
		CircuitBreaker breaker = new CircuitBreaker(this.ticker, 1, Duration.ofSeconds(1), () -> {
			throw new IllegalStateException("no connection to drop");
		});
		breaker.recordFailure();
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(breaker.tryAcquire()).isTrue();
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void probeGoesAheadWhenPreparingItThrowsAnError() {
		CircuitBreaker breaker = new CircuitBreaker(this.ticker, 1, Duration.ofSeconds(1), () -> {
			throw new NoClassDefFoundError("io/lettuce/core/RedisClient");
		});
		breaker.recordFailure();
		this.ticker.advance(Duration.ofSeconds(1));
		assertThat(breaker.tryAcquire()).isTrue();
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void outOfMemoryWhilePreparingTheProbeLeavesTheNextCallToProbe() {
		CircuitBreaker breaker = new CircuitBreaker(this.ticker, 1, Duration.ofSeconds(1), () -> {
			throw new OutOfMemoryError();
		});
		breaker.recordFailure();
		this.ticker.advance(Duration.ofSeconds(1));
		assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(breaker::tryAcquire);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void releasedProbeLetsTheNextCallProbeAtOnce() {
		this.breaker.recordFailure();
		this.breaker.recordFailure();
		this.breaker.recordFailure();
		this.ticker.advance(Duration.ofSeconds(10));
		assertThat(this.breaker.tryAcquire()).isTrue();
		this.breaker.release();
		assertThat(this.breaker.getState()).isEqualTo(State.OPEN);
		assertThat(this.breaker.tryAcquire()).isTrue();
		assertThat(this.breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void rejectsNonPositiveSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker(this.ticker, 0, Duration.ofSeconds(1), () -> {
		})).withMessageContaining("failureThreshold must be positive but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreaker(this.ticker, 1, Duration.ZERO, () -> {
		})).withMessageContaining("openDuration must be positive but was PT0S");
	}

	private void fail(int times) {
		for (int i = 0; i < times; i++) {
			assertThat(this.breaker.tryAcquire()).isTrue();
			this.breaker.recordFailure();
		}
	}

}
