/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks README's two commands, the first a new user runs, against the build, after
 * {@code package}: the demo command runs the jar the build makes, and the test command is the one
 * CI runs.
 */
class ReadmeCommandsIT {

	private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

	private final Path jar = Path.of(System.getProperty("demo.aws-jar"));

	@Test
	void demoCommandRunsTheJarTheBuildMakes() throws IOException {
		Matcher command = Pattern.compile("java -jar (faas-cache-demo/\\S+\\.jar)").matcher(readme());
		assertThat(command.find()).as("the demo command in README.md").isTrue();
		assertThat(ROOT.resolve(command.group(1)).normalize()).isEqualTo(this.jar.normalize());
		assertThat(this.jar).isRegularFile();
	}

	@Test
	void testCommandIsTheOneCiRuns() throws IOException {
		Matcher command = Pattern.compile("(?s)Run every test:\\s*```bash\\s*(.+?)\\s*```").matcher(readme());
		assertThat(command.find()).as("the test command in README.md").isTrue();
		assertThat(Files.readAllLines(ROOT.resolve(".ci/run"))).contains(command.group(1));
	}

	private static String readme() throws IOException {
		return Files.readString(ROOT.resolve("README.md"));
	}

}
