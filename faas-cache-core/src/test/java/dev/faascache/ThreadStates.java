/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for a thread of a concurrency test to reach the point where it blocks, so that a test
 * knows a call is waiting rather than merely slow: a bounded wait, with no timing threshold.
 */
final class ThreadStates {

	/** The states of a thread parked without a timeout. */
	static final Set<Thread.State> PARKED = Set.of(Thread.State.WAITING);

	/** The states of a thread parked, with or without a timeout. */
	static final Set<Thread.State> PARKED_OR_TIMED = Set.of(Thread.State.WAITING, Thread.State.TIMED_WAITING);

	private ThreadStates() {
	}

	/**
	 * Wait, for 10 seconds at most, until the thread is in one of the states, and fail if it
	 * never is.
	 * @param thread the thread
	 * @param states the states awaited
	 * @param description what the state means, for the failure
	 */
	static void await(Thread thread, Set<Thread.State> states, String description) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!states.contains(thread.getState()) && System.nanoTime() < deadline) {
			Thread.yield();
		}
		assertThat(thread.getState()).as(description).isIn(states);
	}

}
