/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a probe's {@code main} in a new JVM of the running JDK, with this test's class path, and
 * returns what it printed, standard error included.
 */
final class ForkedJvm {

	/** The first JDK with {@code --sun-misc-unsafe-memory-access} and product compact object headers. */
	static final int JDK_WITH_UNSAFE_FLAGS = 24;

	private ForkedJvm() {
	}

	/**
	 * Skip the calling test, with a message saying where it runs, unless the running JDK has the
	 * options of JDK 24 and later.
	 */
	static void assumeJdk24OrLater() {
		assumeTrue(Runtime.version().feature() >= JDK_WITH_UNSAFE_FLAGS,
				"runs on JDK 24 and later (the build's JDK 25 pass): JDK " + Runtime.version().feature()
						+ " has neither --sun-misc-unsafe-memory-access nor compact object headers");
	}

	/**
	 * Run the main class with the given JVM options and arguments, assert that it exits with
	 * status 0 within three minutes, and return its output.
	 */
	static String run(List<String> jvmOptions, Class<?> mainClass, List<String> args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(args);
		Path log = Files.createTempFile("forked-jvm", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			boolean exited = process.waitFor(3, TimeUnit.MINUTES);
			if (!exited) {
				process.destroyForcibly();
			}
			String output = Files.readString(log);
			assertThat(exited).as("%s finished; output:%n%s", command, output).isTrue();
			assertThat(process.exitValue()).as("exit status of %s; output:%n%s", command, output).isZero();
			return output;
		}
		finally {
			Files.delete(log);
		}
	}

	/**
	 * Return the numbers of each {@code RESULT key=value ...} line of a probe's output.
	 */
	static List<Map<String, Long>> results(String output) {
		List<Map<String, Long>> results = new ArrayList<>();
		for (String line : output.lines().filter((l) -> l.startsWith("RESULT ")).toList()) {
			System.out.println(line);
			Map<String, Long> numbers = new HashMap<>();
			for (String pair : line.substring("RESULT ".length()).split(" ")) {
				String[] keyValue = pair.split("=", 2);
				if (keyValue[1].chars().allMatch(Character::isDigit)) {
					numbers.put(keyValue[0], Long.parseLong(keyValue[1]));
				}
			}
			results.add(numbers);
		}
		return results;
	}

}
