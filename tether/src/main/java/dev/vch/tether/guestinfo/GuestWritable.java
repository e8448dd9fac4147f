package dev.vch.tether.guestinfo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component the guest writes back (VIC's {@code read-write} scope). Every key below
 * it is encoded with {@code .} separators instead of {@code /}: {@code guestinfo.vice..sessions|id.status}.
 * The host must treat those keys as owned by the guest (not overwrite them on reconfigure).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface GuestWritable {
}
