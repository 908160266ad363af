/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.faascache.Ticker;

/**
 * Circuit breaker in front of a remote cache: after a number of failed calls in a row it opens,
 * and callers skip the remote cache instead of each waiting for its timeout. Once it has been open
 * for a while, it lets one call through to probe the remote cache (half-open): it closes if that
 * call succeeds and opens again if it fails.
 * <p>
 * Time is read from a {@link Ticker}, the one the caches use, so that tests move it by hand. The
 * breaker starts no thread: it changes state only when a caller asks it.
 */
public final class CircuitBreaker {

	/**
	 * State of a circuit breaker.
	 */
	public enum State {

		/** Calls go to the remote cache. */
		CLOSED,

		/** Calls skip the remote cache. */
		OPEN,

		/** One call is probing the remote cache; the others skip it. */
		HALF_OPEN

	}

	private final Ticker ticker;

	private final int failureThreshold;

	private final long openNanos;

	private final Runnable beforeProbe;

	private final AtomicReference<State> state = new AtomicReference<>(State.CLOSED);

	private final AtomicInteger failures = new AtomicInteger();

	private volatile long openedAt;

	/**
	 * Create a closed breaker.
	 * @param ticker the source of time
	 * @param failureThreshold how many failed calls in a row open the breaker
	 * @param openDuration how long the breaker stays open before it lets a probe through
	 * @param beforeProbe run on the probing thread just before the probe, for example to drop a
	 * broken connection so that the probe opens a fresh one
	 * @throws IllegalArgumentException if the threshold or the duration is not positive
	 */
	public CircuitBreaker(Ticker ticker, int failureThreshold, Duration openDuration, Runnable beforeProbe) {
		this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
		if (failureThreshold <= 0) {
			throw new IllegalArgumentException("failureThreshold must be positive but was " + failureThreshold);
		}
		if (openDuration.isNegative() || openDuration.isZero()) {
			throw new IllegalArgumentException("openDuration must be positive but was " + openDuration);
		}
		this.failureThreshold = failureThreshold;
		this.openNanos = openDuration.toNanos();
		this.beforeProbe = Objects.requireNonNull(beforeProbe, "beforeProbe must not be null");
	}

	/**
	 * Ask whether a call may go to the remote cache now. When the breaker has been open for long
	 * enough, the first caller to ask becomes the probe. A caller that is allowed must report the
	 * outcome with {@link #recordSuccess()}, {@link #recordFailure()} or {@link #release()}, whatever
	 * it throws, or else a probe leaves the breaker half-open for good.
	 * @return {@code true} if the call may go ahead, {@code false} if it must skip the remote cache
	 */
	public boolean tryAcquire() {
		State current = this.state.get();
		if (current == State.CLOSED) {
			return true;
		}
		if (current == State.OPEN && this.ticker.read() - this.openedAt >= this.openNanos
				&& this.state.compareAndSet(State.OPEN, State.HALF_OPEN)) {
			try {
				this.beforeProbe.run();
			}
			catch (Throwable ex) {
				if (isFatal(ex)) {
					// the probe will not run: give the next caller the chance to probe
					release();
					throw ex;
				}
				// otherwise the probe itself tells whether the remote cache is back
			}
			return true;
		}
		return false;
	}

	/**
	 * Record that a call reached the remote cache and got an answer: the breaker closes.
	 */
	public void recordSuccess() {
		this.failures.set(0);
		this.state.set(State.CLOSED);
	}

	/**
	 * Record that a call failed: a failed probe opens the breaker again, and so does the failure
	 * that reaches the threshold.
	 */
	public void recordFailure() {
		State current = this.state.get();
		if (current == State.HALF_OPEN) {
			open(State.HALF_OPEN);
		}
		else if (current == State.CLOSED && this.failures.incrementAndGet() >= this.failureThreshold) {
			open(State.CLOSED);
		}
	}

	/**
	 * Record that a call allowed by {@link #tryAcquire()} ended without telling whether the remote
	 * cache works, such as one that failed on its own key or value: the breaker stays as it was,
	 * and if that call was the probe, the breaker opens again without waiting, so that the next
	 * call probes.
	 */
	public void release() {
		this.state.compareAndSet(State.HALF_OPEN, State.OPEN);
	}

	/**
	 * Return whether an error must reach the caller even though it came from the remote cache: a
	 * {@link VirtualMachineError} such as {@link OutOfMemoryError}, after which the JVM may not be
	 * able to go on, but not a {@link StackOverflowError}, which deeply nested data may cause.
	 * @param ex the error
	 * @return {@code true} if it must be rethrown
	 */
	static boolean isFatal(Throwable ex) {
		return ex instanceof VirtualMachineError && !(ex instanceof StackOverflowError);
	}

	private void open(State from) {
		this.openedAt = this.ticker.read();
		if (this.state.compareAndSet(from, State.OPEN)) {
			this.failures.set(0);
		}
	}

	/**
	 * Return the state of the breaker. An open breaker whose open duration has passed reports
	 * {@link State#OPEN} until a caller probes.
	 * @return the state
	 */
	public State getState() {
		return this.state.get();
	}

	@Override
	public String toString() {
		return "CircuitBreaker{state=" + this.state.get() + ", failureThreshold=" + this.failureThreshold
				+ ", openDuration=" + Duration.ofNanos(this.openNanos) + "}";
	}

}
