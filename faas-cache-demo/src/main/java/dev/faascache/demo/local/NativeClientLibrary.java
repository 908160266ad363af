/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Gives each local execution environment its own copy of the runtime interface client's native
 * library. Left to itself, the client unpacks the library to one fixed path,
 * {@code /tmp/.libaws-lambda-jni.so}, which is private on Lambda but shared on a workstation:
 * environments started at the same time, by two builds say, would overwrite it under each other.
 * The client loads the library from the path in a system property instead, when it is set.
 */
final class NativeClientLibrary {

	/**
	 * System property from which the runtime interface client loads its native library.
	 */
	static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

	private static final String CLIENT_JAR_PREFIX = "aws-lambda-java-runtime-interface-client";

	private NativeClientLibrary() {
	}

	/**
	 * Copy the library for this machine out of the client's jar into a directory.
	 * @param runtimeDirectory the directory of the client's jars
	 * @param target where to copy the library
	 * @param osArch the {@code os.arch} of the JVM
	 * @return the library's path, or empty where the client is left to choose it itself (an
	 * architecture or a C library, such as musl, that this class does not tell)
	 * @throws IOException if the client's jar cannot be read or the library cannot be written
	 */
	static Optional<Path> copy(Path runtimeDirectory, Path target, String osArch) throws IOException {
		Optional<String> name = name(osArch, Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
				|| Files.exists(Path.of("/lib/ld-musl-aarch64.so.1")));
		Optional<Path> clientJar = clientJar(runtimeDirectory);
		if (name.isEmpty() || clientJar.isEmpty()) {
			return Optional.empty();
		}
		try (JarFile jar = new JarFile(clientJar.get().toFile())) {
			ZipEntry entry = jar.getEntry("jni/" + name.get());
			if (entry == null) {
				return Optional.empty();
			}
			Path library = Files.createDirectories(target).resolve(name.get());
			try (InputStream input = jar.getInputStream(entry)) {
				Files.copy(input, library);
			}
			return Optional.of(library);
		}
	}

	/**
	 * Return the name of the library that the client's jar holds for a machine.
	 * @param osArch the {@code os.arch} of the JVM
	 * @param musl whether the C library is musl rather than glibc
	 * @return the name, or empty for a machine this class does not know
	 */
	static Optional<String> name(String osArch, boolean musl) {
		String arch = switch (osArch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "aarch_64";
			default -> null;
		};
		if (arch == null || musl) {
			return Optional.empty();
		}
		return Optional.of("libaws-lambda-jni.linux-" + arch + ".so");
	}

	private static Optional<Path> clientJar(Path runtimeDirectory) throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(runtimeDirectory, CLIENT_JAR_PREFIX + "-*.jar")) {
			for (Path jar : jars) {
				return Optional.of(jar);
			}
		}
		return Optional.empty();
	}

}
