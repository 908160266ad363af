/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import dev.faascache.benchmarks.Peer.BenchmarkCache;

/**
 * The entries each peer holds at the end of its measurement, written by the forked JVM that
 * measured it to the file the system property {@value #PROPERTY} names, and read back by the
 * report, so that every throughput is shown beside what the cache held while it was measured.
 */
final class Occupancy {

	static final String PROPERTY = "faascache.benchmarks.entries";

	private Occupancy() {
	}

	/**
	 * Append the entries the cache holds, once its pending maintenance is done, under the given
	 * key; do nothing when the benchmark does not run under the report.
	 */
	static void record(String key, BenchmarkCache cache) {
		String file = System.getProperty(PROPERTY);
		if (file == null) {
			return;
		}
		try {
			Files.writeString(Path.of(file), key + " " + cache.entries() + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the entries recorded in the file, by key; the last record of a key wins.
	 */
	static Map<String, Long> read(Path file) throws IOException {
		Map<String, Long> entries = new HashMap<>();
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				int space = line.lastIndexOf(' ');
				entries.put(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
			}
		}
		return entries;
	}

}
