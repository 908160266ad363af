/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the shaded jar that Lambda runs, after {@code package}: the Spring metadata every jar
 * contributes is merged, the handler that {@code template.yaml} names is inside, and the jar
 * starts and answers from the cache.
 */
class AwsJarIT {

	private static final String IMPORTS = "META-INF/spring/"
			+ "org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private final Path jar = Path.of(System.getProperty("demo.aws-jar"));

	private final Path template = Path.of(System.getProperty("demo.sam-template"));

	@Test
	void mergedAutoConfigurationImportsListOursAndThoseOfOtherJars() throws IOException {
		try (JarFile jarFile = new JarFile(this.jar.toFile())) {
			List<String> imports = read(jarFile, IMPORTS).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
			assertThat(imports).contains("dev.faascache.spring.autoconfigure.FaasCacheAutoConfiguration",
					"org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
					"org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
					"org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration");
			// a file appended without a line break would fuse two class names into one
			assertThat(imports).allSatisfy((className) -> assertThat(jarFile.getEntry(classFile(className)))
				.as("class %s listed in %s", className, IMPORTS)
				.isNotNull());
		}
	}

	@Test
	void templateDeploysThisJarWithHandlerAndApplicationClassFoundInside() throws IOException {
		String template = Files.readString(this.template);
		assertThat(this.template.resolveSibling(property(template, "CodeUri")).normalize())
			.as("CodeUri in template.yaml")
			.isEqualTo(this.jar.normalize());
		String handler = property(template, "Handler");
		assertThat(handler).endsWith("::handleRequest");
		try (JarFile jarFile = new JarFile(this.jar.toFile())) {
			assertThat(jarFile.getEntry(classFile(handler.substring(0, handler.indexOf("::"))))).isNotNull();
			assertThat(jarFile.getEntry(classFile(property(template, "MAIN_CLASS")))).isNotNull();
			assertThat(jarFile.getManifest().getMainAttributes().getValue("Main-Class"))
				.isEqualTo(DemoApplication.class.getName());
		}
	}

	@Test
	void jarRunsSimulationWithFaasCacheAndExits() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-jar", this.jar.toString(), "--simulate=4",
				"--demo.catalog.latency=1ms")
			.redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended; output:%n%s", output).isTrue();
		assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
		assertThat(output).containsPattern("(?m)^products\\s+3\\s+.* / 64M\\s+1\\s+3\\s+25\\.0%$")
			.contains("4 invocations: 1 answered by the cache, 3 called the product catalog");
	}

	private static String read(JarFile jarFile, String name) throws IOException {
		ZipEntry entry = jarFile.getEntry(name);
		assertThat(entry).as(name).isNotNull();
		try (InputStream input = jarFile.getInputStream(entry)) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String classFile(String className) {
		return className.replace('.', '/') + ".class";
	}

	/**
	 * Return the value of the first {@code name: value} line of a YAML document.
	 */
	private static String property(String yaml, String name) {
		Matcher matcher = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + ":\\s*(\\S+)\\s*$").matcher(yaml);
		assertThat(matcher.find()).as("%s in template.yaml", name).isTrue();
		return matcher.group(1);
	}

}
