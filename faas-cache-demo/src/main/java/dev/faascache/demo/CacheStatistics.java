/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

import dev.faascache.ByteSize;
import dev.faascache.CacheStats;
import dev.faascache.FaasCache;
import dev.faascache.spring.FaasSpringCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Logs a table of the caches when the application stops: per cache, the entries, the bytes used
 * against the byte budget, the hits, the misses and the hit ratio. On Lambda the application stops
 * when the execution environment shuts down, so the table is the last line of the environment's
 * log; the local Lambda run prints it after the invocations.
 */
class CacheStatistics implements ApplicationListener<ContextClosedEvent> {

	/**
	 * First line of the logged table, before its header.
	 */
	static final String TITLE = "Cache statistics at shutdown:";

	private static final Log logger = LogFactory.getLog(CacheStatistics.class);

	private static final String ROW = "%-10s  %5s  %-20s  %5s  %6s  %9s%n";

	private final CacheManager cacheManager;

	CacheStatistics(CacheManager cacheManager) {
		this.cacheManager = cacheManager;
	}

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		if (logger.isInfoEnabled()) {
			logger.info(TITLE + System.lineSeparator() + table());
		}
	}

	/**
	 * Return the table of the caches that faas-cache provides; other caches keep no statistics.
	 * @return the table, a header line then a line per cache
	 */
	String table() {
		StringWriter table = new StringWriter();
		PrintWriter out = new PrintWriter(table);
		out.printf(Locale.ROOT, ROW, "cache", "items", "bytes used / budget", "hits", "misses", "hit ratio");
		for (String name : this.cacheManager.getCacheNames()) {
			Cache cache = this.cacheManager.getCache(name);
			if (cache instanceof FaasSpringCache faasCache) {
				row(name, faasCache.getNativeCache(), out);
			}
		}
		out.flush();
		return table.toString();
	}

	private static void row(String name, FaasCache<Object, Object> cache, PrintWriter out) {
		CacheStats stats = cache.stats();
		String budget = cache.getMaxSize().map(ByteSize::toString).orElse("unbounded");
		out.printf(Locale.ROOT, ROW, name, cache.size(), bytes(cache.getByteSize()) + " / " + budget,
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
