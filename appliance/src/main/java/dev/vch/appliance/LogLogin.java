package dev.vch.appliance;

/**
 * Decides whether a user name and password may read the log server: the appliance checks them
 * against vSphere ({@link VsphereLogin}), as VIC's vicadmin did for users without the VCH's
 * client certificate.
 */
@FunctionalInterface
interface LogLogin {

    /** True if the credentials are good; false if vSphere refused them; throws if it cannot tell. */
    boolean accepts(String user, String password);
}
