/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import dev.faascache.Ticker;

/**
 * Compares the initialisation of the function with the starter and with Spring's simple cache
 * over many cold starts, which one start of each cannot: on a busy machine one start varies by
 * more than a second, the starter's share by a few milliseconds. Each start is a new
 * {@link LocalLambda}, started by AWS's runtime interface client as in the {@link Simulation},
 * and ends at the function's first poll for an event.
 */
final class ColdStarts {

	private static final String ROW = "%-24s  %11s%n";

	private final FunctionSettings settings;

	private final Ticker ticker;

	private final PrintStream out;

	/**
	 * Create a comparison.
	 * @param settings the function's jar, runtime, memory, and the properties to add
	 * @param ticker the time source
	 * @param out where to print
	 */
	ColdStarts(FunctionSettings settings, Ticker ticker, PrintStream out) {
		this.settings = settings;
		this.ticker = ticker;
		this.out = out;
	}

	/**
	 * Start the function cold the given number of times with the starter and as often with
	 * Spring's simple cache, each pair in an order drawn from the seed, so that neither variant
	 * always starts on a machine the other has just warmed; print the median initialisation of
	 * each and the median of the differences within the pairs, with its confidence interval.
	 * @param starts how many pairs of cold starts
	 * @param seed the seed of the order, printed so that a run can be repeated
	 * @throws IOException if the Runtime API or the function cannot be started
	 */
	void compare(int starts, long seed) throws IOException {
		Random order = new Random(seed);
		List<Long> starter = new ArrayList<>();
		List<Long> simple = new ArrayList<>();
		this.out.printf(Locale.ROOT, "%n%d cold starts of each, in pairs, each pair in a random order (seed %d)%n",
				starts, seed);
		for (int i = 0; i < starts; i++) {
			if (order.nextBoolean()) {
				starter.add(initNanos(Map.of()));
				simple.add(initNanos(Simulation.SIMPLE_CACHE));
			}
			else {
				simple.add(initNanos(Simulation.SIMPLE_CACHE));
				starter.add(initNanos(Map.of()));
			}
		}
		PairedDifference share = PairedDifference.of(starter, simple);
		this.out.printf(Locale.ROOT, ROW, "cache", "median init");
		this.out.printf(Locale.ROOT, ROW, Simulation.STARTER, Simulation.millis((long) PairedDifference.median(starter), 0));
		this.out.printf(Locale.ROOT, ROW, Simulation.SIMPLE, Simulation.millis((long) PairedDifference.median(simple), 0));
		this.out.printf(Locale.ROOT, "the starter's share of init, median of the %d paired differences: %+,.1f ms, "
				+ "with %.0f%% confidence between %+,.1f and %+,.1f ms%n", starts, share.median() / 1e6,
				100 * share.confidence(), share.low() / 1e6, share.high() / 1e6);
	}

	private long initNanos(Map<String, String> environment) throws IOException {
		try (LocalRuntimeApi runtimeApi = LocalRuntimeApi.start(this.ticker);
				LocalLambda function = LocalLambda.start(this.settings.withEnvironment(environment), runtimeApi,
						this.ticker)) {
			return function.awaitInitialised(runtimeApi, Simulation.INIT_TIMEOUT);
		}
	}

}
