/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads traces in the LIRS format: one key per line, as a decimal number; other lines, such as
 * the {@code *} checkpoints some of them hold, are skipped. The traces are not part of this
 * project: Caffeine's simulator holds them in its repository, under {@link #LIRS_DIRECTORY}.
 */
final class Traces {

	static final String LIRS_DIRECTORY = "simulator/src/main/resources/com/github/benmanes/caffeine/cache/simulator/parser/lirs";

	private Traces() {
	}

	/**
	 * Return the requests of each named trace found in the directory, as {@code name.trace.gz},
	 * {@code name.trace} or {@code name.trc}, in the order of the names.
	 * @throws IllegalArgumentException if the directory holds none of them
	 */
	static Map<String, long[]> read(Path directory, List<String> names) throws IOException {
		Map<String, long[]> traces = new LinkedHashMap<>();
		for (String name : names) {
			for (String suffix : List.of(".trace.gz", ".trace", ".trc")) {
				Path file = directory.resolve(name + suffix);
				if (Files.isRegularFile(file)) {
					traces.put(name, read(file));
					break;
				}
			}
		}
		if (traces.isEmpty()) {
			throw new IllegalArgumentException("No trace named " + names + " in " + directory.toAbsolutePath()
					+ "; traces are read from <name>.trace.gz, <name>.trace or <name>.trc");
		}
		return traces;
	}

	private static long[] read(Path file) throws IOException {
		long[] keys = new long[1 << 16];
		int count = 0;
		try (InputStream raw = Files.newInputStream(file);
				InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String token = line.strip();
				if (token.isEmpty() || !Character.isDigit(token.charAt(0))) {
					continue;
				}
				int end = 0;
				while (end < token.length() && Character.isDigit(token.charAt(end))) {
					end++;
				}
				if (count == keys.length) {
					keys = Arrays.copyOf(keys, 2 * count);
				}
				keys[count++] = Long.parseLong(token, 0, end, 10);
			}
		}
		return Arrays.copyOf(keys, count);
	}

}
