/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the two commands of README's "Two commands" section honest: the demo command builds this
 * module and runs its Lambda jar with {@code --simulate}, and the test command is the one CI runs.
 * {@link AwsJarIT} checks that the jar the demo command names is the one the build makes.
 */
class ReadmeCommandsTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String BUILD_DIRECTORY = System.getProperty("demo.build-directory", "target");

	private static final String FINAL_NAME = System.getProperty("demo.final-name", "");

	@Test
	void demoCommandBuildsThisModuleAndSimulatesLambdaInvocationsWithItsLambdaJar() throws IOException {
		String command = demoCommand(readme());
		assertThat(command).startsWith("./mvnw -q -pl faas-cache-demo -am package -DskipTests && java -jar ")
			.endsWith(" --simulate=10");
		Path jar = ROOT.resolve(command.replaceAll(".* java -jar (\\S+) .*", "$1")).normalize();
		assertThat(jar).isEqualTo(Path.of(BUILD_DIRECTORY, FINAL_NAME + "-aws.jar").toAbsolutePath().normalize());
	}

	@Test
	void testCommandIsTheOneCiRuns() throws IOException {
		List<String> commands = commands(section(readme(), "## Two commands"));
		assertThat(commands).hasSize(2);
		String ciRun = Files.readString(ROOT.resolve(".ci/run"));
		assertThat(ciRun.lines().map(String::trim)).contains(commands.get(1));
	}

	/**
	 * Return the demo command: the first command of README's "Two commands" section.
	 * @param readme the text of README.md
	 * @return the command
	 */
	static String demoCommand(String readme) {
		List<String> commands = commands(section(readme, "## Two commands"));
		assertThat(commands).as("commands under ## Two commands").isNotEmpty();
		return commands.get(0);
	}

	private static String readme() throws IOException {
		return Files.readString(ROOT.resolve("README.md"));
	}

	private static String section(String markdown, String heading) {
		int start = markdown.indexOf(heading + "\n");
		assertThat(start).as("section %s in README.md", heading).isNotNegative();
		int end = markdown.indexOf("\n## ", start + heading.length());
		return markdown.substring(start, (end < 0) ? markdown.length() : end);
	}

	private static List<String> commands(String section) {
		Matcher block = Pattern.compile("(?s)```bash\n(.*?)\n```").matcher(section);
		return block.results().map((match) -> match.group(1).trim()).toList();
	}

}
