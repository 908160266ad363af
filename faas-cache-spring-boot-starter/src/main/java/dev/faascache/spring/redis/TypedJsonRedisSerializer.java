/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.util.ClassUtils;

/**
 * {@link RedisSerializer} that writes a value as JSON with its class, so that it is read back as
 * the same type: a {@code Long} as a {@code Long}, a {@code LocalDate} as a {@code LocalDate}, a
 * record as that record. A value is written as the array {@code ["com.example.Product", {...}]},
 * and values nested in it under a declared type that is not final, such as {@code Object} or
 * {@code List}, carry their class in an {@code @class} property.
 * <p>
 * Reading runs the constructors and setters of the classes named in the JSON, which whoever can
 * write to Redis chooses, so a class is read back only from a trusted package: {@code java.lang},
 * {@code java.util}, {@code java.math} and {@code java.time} (without their subpackages), and the
 * packages given, with their subpackages. A value of another class fails to read with a
 * {@link SerializationException} that names the class, before the class is loaded.
 * <p>
 * Unknown properties are ignored, so that a value written by an older version of a class is read
 * by a newer one that lost a field.
 * <p>
 * Whatever the class of a value throws while it is written or read, {@link LinkageError}s and
 * {@link StackOverflowError}s included, fails with a {@link SerializationException}, so that the
 * caller can tell it from a failure of Redis.
 */
public final class TypedJsonRedisSerializer implements RedisSerializer<Object> {

	/**
	 * Trusts every package, in place of a list of packages.
	 */
	static final String TRUST_ALL = "*";

	private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "java.util", "java.math", "java.time");

	private final List<String> trustedPackages;

	private final boolean trustAll;

	private final ClassLoader classLoader;

	private final ObjectMapper mapper;

	/**
	 * Create a serializer.
	 * @param trustedPackages the packages, with their subpackages, whose classes may be read back
	 * besides those of the JDK; {@value #TRUST_ALL} for every class
	 * @param classLoader the class loader of the values' classes
	 */
	public TypedJsonRedisSerializer(Collection<String> trustedPackages, ClassLoader classLoader) {
		this.trustedPackages = List.copyOf(trustedPackages);
		this.trustAll = this.trustedPackages.contains(TRUST_ALL);
		this.classLoader = Objects.requireNonNull(classLoader, "classLoader must not be null");
		this.mapper = JsonMapper.builder()
			.activateDefaultTypingAsProperty(new TrustedTypes(), DefaultTyping.NON_FINAL, "@class")
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Return whether values of the named class may be read back.
	 * @param className the class name, as {@link Class#getName()} gives it
	 * @return {@code true} if the class is in a trusted package
	 */
	boolean isTrusted(String className) {
		String name = className;
		while (name.startsWith("[")) {
			name = name.substring(1);
		}
		if (name.length() == 1) {
			return true;
		}
		if (name.startsWith("L") && name.endsWith(";")) {
			name = name.substring(1, name.length() - 1);
		}
		if (this.trustAll) {
			return true;
		}
		String packageName = (name.lastIndexOf('.') > 0) ? name.substring(0, name.lastIndexOf('.')) : "";
		return JDK_PACKAGES.contains(packageName) || this.trustedPackages.stream()
			.anyMatch((trusted) -> packageName.equals(trusted) || packageName.startsWith(trusted + "."));
	}

	@Override
	public byte[] serialize(@Nullable Object value) throws SerializationException {
		if (value == null) {
			return new byte[0];
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			generator.writeStartArray();
			generator.writeString(value.getClass().getName());
			this.mapper.writerFor(value.getClass()).writeValue(generator, value);
			generator.writeEndArray();
		}
		catch (JacksonException ex) {
			throw new SerializationException("Could not write a value of " + value.getClass() + " as JSON: "
					+ ex.getOriginalMessage(), ex);
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			throw new SerializationException("Could not write a value of " + value.getClass() + " as JSON: " + ex, ex);
		}
		return out.toByteArray();
	}

	@Override
	public @Nullable Object deserialize(byte @Nullable [] bytes) throws SerializationException {
		if (bytes == null || bytes.length == 0) {
			return null;
		}
		try (JsonParser parser = this.mapper.createParser(bytes)) {
			if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.VALUE_STRING) {
				throw new SerializationException("Could not read a value: expected [\"class name\", value] but was "
						+ new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8));
			}
			Class<?> type = trustedClass(parser.getString());
			parser.nextToken();
			return this.mapper.readerFor(type).readValue(parser);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Could not read a value from JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (SerializationException ex) {
			throw ex;
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			// thrown by the class of the value, not by Redis
			throw new SerializationException("Could not read a value from JSON: " + ex, ex);
		}
	}

	private Class<?> trustedClass(String className) {
		if (!isTrusted(className)) {
			throw new SerializationException(untrusted(className));
		}
		try {
			return ClassUtils.forName(className, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new SerializationException("Could not read a value of class " + className + ": not found", ex);
		}
	}

	private static String untrusted(String className) {
		return "Did not read a value of class " + className + ": its package is not trusted; add it to "
				+ "faas.cache.l2.trusted-packages if whoever writes to this Redis may create its instances";
	}

	/**
	 * Allows the classes of trusted packages in the {@code @class} properties of nested values, by
	 * name, before they are loaded.
	 */
	private final class TrustedTypes extends PolymorphicTypeValidator.Base {

		@Override
		public Validity validateSubClassName(DatabindContext context, JavaType baseType, String subClassName) {
			return isTrusted(subClassName) ? Validity.ALLOWED : Validity.DENIED;
		}

		@Override
		public Validity validateSubType(DatabindContext context, JavaType baseType, JavaType subType) {
			return isTrusted(subType.getRawClass().getName()) ? Validity.ALLOWED : Validity.DENIED;
		}

	}

}
