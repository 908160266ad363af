/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the shaded jars that Lambda runs, after {@code package}: they hold what the function
 * needs and nothing else, the Spring metadata every jar contributes is merged, the handler that
 * {@code template.yaml} names is inside, and README's demo command runs the jar the build makes.
 * {@link LambdaRuntimeIT} runs them.
 */
class AwsJarIT {

	private static final String IMPORTS = "META-INF/spring/"
			+ "org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	/**
	 * What Lambda bills for nothing but time: a bigger jar is a longer cold start.
	 */
	private static final long MAX_LAMBDA_JAR_BYTES = 25L * 1024 * 1024;

	private final Path jar = Path.of(System.getProperty("demo.aws-jar"));

	private final Path redisJar = Path.of(System.getProperty("demo.aws-redis-jar"));

	private final Path template = Path.of(System.getProperty("demo.sam-template"));

	@Test
	void lambdaJarHoldsNoTestClassesWebServerRedisClientOrNativeLibraries() throws IOException {
		assertThat(Files.size(this.jar)).isLessThanOrEqualTo(MAX_LAMBDA_JAR_BYTES);
		List<String> entries = entries(this.jar);
		assertThat(entries).noneMatch((entry) -> entry.startsWith("org/springframework/test/"))
			.noneMatch((entry) -> entry.startsWith("reactor/netty/"))
			.noneMatch((entry) -> entry.startsWith("io/netty/"))
			.noneMatch((entry) -> entry.startsWith("io/lettuce/"))
			.noneMatch((entry) -> entry.startsWith("org/springframework/boot/reactor/netty/"))
			.noneMatch((entry) -> entry.startsWith("org/springframework/boot/actuate/"))
			.noneMatch((entry) -> entry.startsWith("com/amazonaws/services/lambda/runtime/api/client/"))
			.noneMatch(AwsJarIT::isNativeLibrary);
		assertThat(entries).contains("dev/faascache/demo/ProductHandler.class", "io/micrometer/observation/Observation.class");
	}

	@Test
	void redisJarAddsTheRedisClientAndStillNoWebServerOrNativeLibraries() throws IOException {
		List<String> entries = entries(this.redisJar);
		assertThat(entries).contains("io/lettuce/core/RedisClient.class",
				"org/springframework/data/redis/connection/lettuce/LettuceConnectionFactory.class",
				"dev/faascache/demo/ProductHandler.class");
		assertThat(entries).noneMatch((entry) -> entry.startsWith("org/springframework/test/"))
			.noneMatch((entry) -> entry.startsWith("reactor/netty/"))
			.noneMatch(AwsJarIT::isNativeLibrary);
	}

	@Test
	void mergedAutoConfigurationImportsListOursAndThoseOfOtherJars() throws IOException {
		for (Path shaded : List.of(this.jar, this.redisJar)) {
			try (JarFile jarFile = new JarFile(shaded.toFile())) {
				List<String> imports = classNames(read(jarFile, IMPORTS));
				assertThat(imports).as("imports of %s", shaded.getFileName())
					.containsAll(starterImports())
					.contains("org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
							"org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration",
							"org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration");
				// a file appended without a line break would fuse two class names into one
				assertThat(imports).allSatisfy((className) -> assertThat(jarFile.getEntry(classFile(className)))
					.as("class %s listed in %s", className, IMPORTS)
					.isNotNull());
			}
		}
	}

	@Test
	void templateDeploysThisJarWithHandlerAndApplicationClassFoundInside() throws IOException {
		String template = Files.readString(this.template);
		assertThat(this.template.resolveSibling(property(template, "CodeUri")).normalize())
			.as("CodeUri in template.yaml")
			.isEqualTo(this.jar.normalize());
		String handler = property(template, "Handler");
		assertThat(handler).isEqualTo(ProductHandler.class.getName() + "::handleRequest");
		try (JarFile jarFile = new JarFile(this.jar.toFile())) {
			assertThat(jarFile.getEntry(classFile(handler.substring(0, handler.indexOf("::"))))).isNotNull();
			assertThat(jarFile.getEntry(classFile(property(template, "MAIN_CLASS")))).isNotNull();
			assertThat(jarFile.getManifest().getMainAttributes().getValue("Main-Class"))
				.isEqualTo(DemoApplication.class.getName());
		}
	}

	@Test
	void readmeDemoCommandRunsTheJarTheBuildMakes() throws IOException {
		Path root = this.template.getParent().getParent();
		String command = ReadmeCommandsTests.demoCommand(Files.readString(root.resolve("README.md")));
		Matcher jarPath = Pattern.compile("java -jar (\\S+)").matcher(command);
		assertThat(jarPath.find()).as("java -jar in %s", command).isTrue();
		assertThat(root.resolve(jarPath.group(1)).normalize()).isEqualTo(this.jar.normalize()).isRegularFile();
	}

	@Test
	void lambdaJarStartedWithoutSimulateSaysHowToRunIt() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-jar", this.jar.toString()).redirectErrorStream(true)
			.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("process ended; output:%n%s", output).isTrue();
		assertThat(output).contains("This jar is for AWS Lambda", "--simulate=10", "-local jar");
	}

	private static List<String> starterImports() throws IOException {
		Enumeration<URL> resources = AwsJarIT.class.getClassLoader().getResources(IMPORTS);
		while (resources.hasMoreElements()) {
			URL resource = resources.nextElement();
			if (resource.toString().contains("faas-cache-spring-boot-starter")) {
				try (InputStream input = resource.openStream()) {
					return classNames(new String(input.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		throw new IllegalStateException("The starter's " + IMPORTS + " is not on the test class path");
	}

	private static List<String> classNames(String imports) {
		return imports.lines().map(String::trim).filter((line) -> !line.isEmpty() && !line.startsWith("#")).toList();
	}

	private static List<String> entries(Path jar) throws IOException {
		try (JarFile jarFile = new JarFile(jar.toFile())) {
			return jarFile.stream().map(ZipEntry::getName).toList();
		}
	}

	private static boolean isNativeLibrary(String entry) {
		return entry.endsWith(".so") || entry.endsWith(".dll") || entry.endsWith(".dylib") || entry.endsWith(".jnilib");
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
