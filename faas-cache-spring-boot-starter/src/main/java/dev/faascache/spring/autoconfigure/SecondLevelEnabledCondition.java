/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code faas.cache.l2.enabled} or the {@code l2.enabled} property of a cache under
 * {@code faas.cache.caches} gives at least one cache a second level.
 */
class SecondLevelEnabledCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("FaasCache second level");
		FaasCacheProperties properties = Binder.get(context.getEnvironment())
			.bind(CacheSettings.PREFIX, FaasCacheProperties.class)
			.orElseGet(FaasCacheProperties::new);
		String property = CacheSettings.enablingProperty(properties);
		if (property != null) {
			return ConditionOutcome.match(message.because(property + " is true"));
		}
		return ConditionOutcome.noMatch(message.because("no cache has faas.cache.l2.enabled or its own l2.enabled true"));
	}

}
