/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;

import dev.faascache.spring.TrustedClasses;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.PolymorphicTypeValidator;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.type.TypeModifier;
import tools.jackson.databind.util.LookupCache;

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
 * write to Redis chooses, so a class is read back only if it is one of the {@link TrustedClasses}:
 * the JDK's plain values and collections, and the classes of the packages given, with their
 * subpackages. A value of another class fails to read with a {@link SerializationException} that
 * names the class, checked by name before the class is loaded. A {@code Class} is never read from
 * its name, not even in a {@code Class<?>} field of a trusted type.
 * <p>
 * Unknown properties are ignored, so that a value written by an older version of a class is read
 * by a newer one that lost a field.
 * <p>
 * Whatever the class of a value throws while it is written or read, {@link LinkageError}s and
 * {@link StackOverflowError}s included, fails with a {@link SerializationException}, so that the
 * caller can tell it from a failure of Redis.
 */
public final class TypedJsonRedisSerializer implements RedisSerializer<Object> {

	private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "char", "short", "int", "long", "float",
			"double", "void");

	private final TrustedClasses trusted;

	private final ClassLoader classLoader;

	private final ObjectMapper mapper;

	/**
	 * Create a serializer.
	 * @param trustedPackages the packages, with their subpackages, whose classes may be read back
	 * besides those of the JDK; {@value TrustedClasses#TRUST_ALL} for every class
	 * @param classLoader the class loader of the values' classes
	 */
	public TypedJsonRedisSerializer(Collection<String> trustedPackages, ClassLoader classLoader) {
		this.trusted = new TrustedClasses(trustedPackages, classLoader);
		this.classLoader = classLoader;
		this.mapper = JsonMapper.builder()
			.activateDefaultTypingAsProperty(new TrustedTypes(), DefaultTyping.NON_FINAL, "@class")
			.addModule(noClassNames())
			.typeFactory(new TrustedTypeFactory())
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Return whether values of the named class may be read back.
	 * @param className the class name, as {@link Class#getName()} gives it
	 * @return {@code true} if the class is in a trusted package
	 */
	boolean isTrusted(String className) {
		return this.trusted.isTrusted(className);
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

	/**
	 * Return a module that refuses to read a {@link Class} from its name anywhere in a value, such
	 * as in a {@code Class<?>} field of a trusted type, because reading it loads and initialises
	 * the class.
	 */
	@SuppressWarnings("unchecked")
	private static SimpleModule noClassNames() {
		return new SimpleModule().addDeserializer((Class<Class<?>>) (Class<?>) Class.class, new ValueDeserializer<>() {

			@Override
			public Class<?> deserialize(JsonParser parser, DeserializationContext context) {
				throw new SerializationException("Did not read a java.lang.Class: reading one loads and initialises "
						+ "the class it names, which whoever writes to Redis chooses");
			}

		});
	}

	private static String untrusted(String className) {
		return "Did not read a value of class " + className + ": its package is not trusted; add it to "
				+ "faas.cache.l2.trusted-packages if whoever writes to this Redis may create its instances";
	}

	/**
	 * Loads no class by name that is not trusted: Jackson loads, and initialises, the classes
	 * named by type ids, by their type parameters and by {@code Class} fields through here, and
	 * checks only the raw class of a type id with type parameters against the validator.
	 */
	private final class TrustedTypeFactory extends TypeFactory {

		TrustedTypeFactory() {
		}

		private TrustedTypeFactory(LookupCache<Object, JavaType> cache, TypeModifier[] modifiers,
				@Nullable ClassLoader classLoader) {
			super(cache, modifiers, classLoader);
		}

		@Override
		public Class<?> findClass(String className) throws ClassNotFoundException {
			if (!PRIMITIVES.contains(className) && !isTrusted(className)) {
				throw new ClassNotFoundException(untrusted(className));
			}
			return super.findClass(className);
		}

		@Override
		public TypeFactory snapshot() {
			return new TrustedTypeFactory(this._typeCache.snapshot(), this._modifiers, this._classLoader);
		}

		@Override
		public TypeFactory withClassLoader(ClassLoader classLoader) {
			return new TrustedTypeFactory(this._typeCache, this._modifiers, classLoader);
		}

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
