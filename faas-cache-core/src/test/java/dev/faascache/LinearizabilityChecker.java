/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a concurrent history of map operations is linearizable against an
 * {@link LruModel}: whether the calls can be put in one sequence that respects real time (a
 * call that returned before another was invoked comes first) and in which the model can give
 * every recorded result. A depth-first search over such sequences, in the manner of Wing and
 * Gong, that remembers the (calls done, model state) pairs already explored.
 */
final class LinearizabilityChecker {

	/**
	 * One completed call. {@code invoked} and {@code returned} are ticks of one shared counter,
	 * taken just before the call and just after it.
	 */
	record Call(int thread, LruModel.Op op, long invoked, long returned, Integer result) {

		@Override
		public String toString() {
			return "T" + this.thread + " [" + this.invoked + ", " + this.returned + "] " + this.op + " -> " + this.result;
		}

	}

	private final List<List<Call>> threads;

	private final Set<String> explored = new HashSet<>();

	private LinearizabilityChecker(List<List<Call>> threads) {
		this.threads = threads;
	}

	/**
	 * Return whether the history, given as each thread's calls in program order, is linearizable
	 * from the given initial state.
	 */
	static boolean isLinearizable(List<List<Call>> threads, LruModel initial) {
		return new LinearizabilityChecker(threads).search(new int[threads.size()], initial);
	}

	/** {@code next[t]} is the index of thread t's first call not yet placed in the sequence. */
	private boolean search(int[] next, LruModel state) {
		long firstReturn = Long.MAX_VALUE;
		boolean done = true;
		for (int t = 0; t < next.length; t++) {
			if (next[t] < this.threads.get(t).size()) {
				done = false;
				firstReturn = Math.min(firstReturn, this.threads.get(t).get(next[t]).returned());
			}
		}
		if (done) {
			return true;
		}
		if (!this.explored.add(Arrays.toString(next) + state)) {
			return false;
		}
		for (int t = 0; t < next.length; t++) {
			if (next[t] == this.threads.get(t).size()) {
				continue;
			}
			Call call = this.threads.get(t).get(next[t]);
			if (call.invoked() > firstReturn) {
				continue;
			}
			for (LruModel.Outcome outcome : state.apply(call.op())) {
				if (Objects.equals(outcome.result(), call.result())) {
					next[t]++;
					boolean found = search(next, outcome.state());
					next[t]--;
					if (found) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Return the calls of all threads, in the order they were invoked, for a failure message. */
	static List<Call> byInvocation(List<List<Call>> threads) {
		List<Call> all = new ArrayList<>();
		threads.forEach(all::addAll);
		all.sort((a, b) -> Long.compare(a.invoked(), b.invoked()));
		return all;
	}

}
