/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import dev.faascache.ByteSize;
import dev.faascache.CacheStats;
import dev.faascache.FaasCache;
import dev.faascache.Ticker;
import dev.faascache.spring.FaasSpringCache;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * Invokes the function as a warm Lambda container would be invoked, a few products over and over,
 * and prints a table: per invocation, whether the cache answered and how long it took; then, per
 * cache, the bytes used against the byte budget, the entries and the hit ratio.
 */
final class Simulation {

	/**
	 * Command line option that asks for the simulation, with the number of invocations.
	 */
	static final String OPTION = "simulate";

	private static final int DEFAULT_INVOCATIONS = 10;

	/**
	 * Distinct products requested in turn: the first request of each misses, the others hit.
	 */
	private static final int PRODUCTS = 3;

	private static final String INVOCATION_ROW = "%10s  %-7s  %-5s  %10s%n";

	private static final String CACHE_ROW = "%-10s  %5s  %-20s  %5s  %6s  %9s%n";

	private final ProductFunction function;

	private final ProductCatalogClient catalog;

	private final CacheManager cacheManager;

	private final Ticker ticker;

	/**
	 * Create a simulation.
	 * @param function the function to invoke
	 * @param catalog the catalog client the function calls, whose real calls tell a miss
	 * @param cacheManager the cache manager whose caches to report
	 * @param ticker the time source for latencies
	 */
	Simulation(ProductFunction function, ProductCatalogClient catalog, CacheManager cacheManager, Ticker ticker) {
		this.function = function;
		this.catalog = catalog;
		this.cacheManager = cacheManager;
		this.ticker = ticker;
	}

	/**
	 * Return the number of invocations asked for by the values of {@code --simulate}.
	 * @param values the option's values; empty when it was given without one
	 * @return the number of invocations, {@value #DEFAULT_INVOCATIONS} when not given
	 * @throws IllegalArgumentException if the value is not a positive whole number
	 */
	static int invocations(List<String> values) {
		if (values.isEmpty() || values.get(0).isBlank()) {
			return DEFAULT_INVOCATIONS;
		}
		String value = values.get(0).trim();
		try {
			int invocations = Integer.parseInt(value);
			if (invocations > 0) {
				return invocations;
			}
		}
		catch (NumberFormatException ex) {
			// reported below, with what is accepted
		}
		throw new IllegalArgumentException("--" + OPTION + " takes a positive number of invocations, such as --"
				+ OPTION + "=10, but was '" + value + "'");
	}

	/**
	 * Invoke the function the given number of times, then print the statistics of every cache.
	 * @param invocations how many times to invoke the function
	 * @param out where to print the table
	 */
	void run(int invocations, PrintStream out) {
		out.printf(Locale.ROOT, INVOCATION_ROW, "invocation", "product", "cache", "latency");
		long hits = 0;
		for (int i = 1; i <= invocations; i++) {
			String id = String.valueOf((i - 1) % PRODUCTS + 1);
			long callsBefore = this.catalog.calls();
			long start = this.ticker.read();
			this.function.apply(new ProductRequest(id));
			double millis = (this.ticker.read() - start) / 1e6;
			boolean hit = this.catalog.calls() == callsBefore;
			hits += hit ? 1 : 0;
			out.printf(Locale.ROOT, INVOCATION_ROW, i, id, hit ? "HIT" : "MISS",
					String.format(Locale.ROOT, "%.1f ms", millis));
		}
		out.println();
		out.printf(Locale.ROOT, CACHE_ROW, "cache", "items", "bytes used / budget", "hits", "misses", "hit ratio");
		for (String name : this.cacheManager.getCacheNames()) {
			Cache cache = this.cacheManager.getCache(name);
			if (cache instanceof FaasSpringCache faasCache) {
				printCache(name, faasCache.getNativeCache(), out);
			}
		}
		out.println();
		out.printf(Locale.ROOT, "%d invocations: %d answered by the cache, %d called the product catalog%n",
				invocations, hits, invocations - hits);
	}

	private static void printCache(String name, FaasCache<Object, Object> cache, PrintStream out) {
		CacheStats stats = cache.stats();
		String budget = cache.getMaxSize().map(ByteSize::toString).orElse("unbounded");
		out.printf(Locale.ROOT, CACHE_ROW, name, cache.size(), bytes(cache.getByteSize()) + " / " + budget,
				stats.hitCount(), stats.missCount(), String.format(Locale.ROOT, "%.1f%%", stats.hitRate() * 100));
	}

	/**
	 * Return a byte count the way a person reads it: {@code 512 B}, {@code 1.4 KiB}, {@code 3.0 MiB}.
	 */
	static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
