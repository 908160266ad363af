/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.cache.type} is not set. Setting it chooses one of Spring Boot's own
 * cache types, {@code none} included (as {@code @AutoConfigureCache} does in tests), so the
 * FaasCache manager steps aside.
 */
class CacheTypeNotSetCondition extends SpringBootCondition {

	private static final String PROPERTY = "spring.cache.type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("FaasCache cache type");
		String type = context.getEnvironment().getProperty(PROPERTY);
		if (type == null) {
			return ConditionOutcome.match(message.because(PROPERTY + " is not set"));
		}
		return ConditionOutcome.noMatch(message.because(PROPERTY + " is set to '" + type + "'"));
	}

}
