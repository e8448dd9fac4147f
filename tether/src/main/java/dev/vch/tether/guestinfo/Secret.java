package dev.vch.tether.guestinfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose value must never be shown (docker inspect, logs, vicadmin):
 * the per-container link secret. The guest still reads it; {@link ExtraConfigCodec#redact}
 * and {@link ExtraConfigCodec#secretKeys} let the host hide it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface Secret {
}
