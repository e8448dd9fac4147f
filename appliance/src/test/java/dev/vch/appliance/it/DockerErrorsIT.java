package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.portlayer.container.ContainerSettings;
import dev.vch.vsphere.api.VmInfo;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Error cases with the real docker CLI: Docker's exit codes and wording for unknown
 * containers and images, name conflicts, invalid names and filters, bad flags, malformed
 * bodies (the server keeps serving), and a container whose tether never connects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedVch.Resolver.class)
class DockerErrorsIT {
    SharedVch vch;

    @BeforeAll
    void up(SharedVch shared) {
        vch = shared;
    }

    @Test
    void unknownContainersAndImagesReadAsDocker() {
        for (String[] cmd : new String[][] {{"logs", "nosuch"}, {"stop", "nosuch"}, {"rm", "nosuch"},
                {"wait", "nosuch"}, {"exec", "nosuch", "ls"}, {"attach", "nosuch"}, {"restart", "nosuch"},
                {"container", "inspect", "nosuch"}, {"rename", "nosuch", "other"}, {"start", "nosuch"}}) {
            assertThat(vch.fails(1, cmd).err()).as(String.join(" ", cmd))
                    .contains("Error response from daemon: No such container: nosuch");
        }
        assertThat(vch.fails(1, "kill", "nosuch").err())
                .contains("Error response from daemon: Cannot kill container: nosuch: No such container: nosuch");
        assertThat(vch.fails(1, "image", "inspect", "nosuch").err())
                .contains("Error response from daemon: No such image: nosuch:latest");
        // docker inspect tries every kind of object before giving up
        assertThat(vch.fails(1, "inspect", "nosuch").err()).contains("Error: No such object: nosuch");
        DockerCli.Result run = vch.fails(125, "run", "nosuch-e2e-image");
        assertThat(run.err()).contains("Unable to find image 'nosuch-e2e-image:latest' locally");
    }

    @Test
    void namesConflictsFlagsAndFilters() {
        String id = vch.ok("create", "--name", "made", "busybox", "echo", "x").out().trim();
        try {
            assertThat(vch.fails(125, "run", "--name", "made", "busybox").err()).contains("Error response from daemon: "
                    + "Conflict. The container name \"/made\" is already in use by container \"" + id
                    + "\". You have to remove (or rename) that container to be able to reuse that name.");
            assertThat(vch.fails(1, "create", "--name", "bad name", "busybox").err()).contains(
                    "Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
            assertThat(vch.fails(1, "rename", "made", "a/b").err()).contains("Invalid container name (a/b)");
            assertThat(vch.fails(1, "rename", "made", "made").err())
                    .contains("Renaming a container with the same name as its current name");
            assertThat(vch.fails(125, "run", "--badflag", "busybox").err()).contains("unknown flag: --badflag");
            assertThat(vch.fails(1, "ps", "--filter", "bogus=1").err()).contains("invalid filter 'bogus'");
            assertThat(vch.fails(1, "ps", "--filter", "status=weird").err()).contains("invalid filter 'status=weird'");
            assertThat(vch.fails(1, "ps", "--filter", "before=nosuch").err()).contains("No such container: nosuch");
            assertThat(vch.fails(1, "kill", "made").err())
                    .contains("Cannot kill container: made: Container " + id + " is not running");
            assertThat(vch.fails(1, "exec", "made", "ls").err()).contains("Container " + id + " is not running");
            assertThat(vch.fails(1, "attach", "made").err())
                    .contains("You cannot attach to a stopped container, start it first");
        } finally {
            vch.ok("rm", "made");
        }
    }

    @Test
    void malformedBodiesGetA400AndTheServerKeepsServing() throws Exception {
        var api = new RawApi(vch.vch.ip, vch.vch.certs);
        for (String body : new String[] {"{bad", "{\"Image\": 5}", "[]", ""}) {
            RawApi.Response r = api.post("/v1.45/containers/create", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.message()).as(body).isNotBlank();
        }
        assertThat(api.post("/v1.45/containers/create?name=a%2Fb", "{\"Image\":\"busybox\"}").message())
                .isEqualTo("Invalid container name (a/b), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        assertThat(api.post("/v1.45/containers/x/wait?condition=sometime", "").status()).isEqualTo(400);
        assertThat(vch.ok("version", "--format", "{{.Server.APIVersion}}").out()).isEqualTo("1.45\n");
    }

    /**
     * A wrong link secret in the containerVM's configuration: the tether boots and connects but
     * its proof is refused, so the start fails as soon as that happens (not at the start
     * timeout) and the VM is off.
     */
    @Test
    void aTetherThatNeverConnectsFailsTheStartAndLeavesNoRunningVm() {
        String id = vch.ok("create", "--name", "mute", "busybox", "echo", "never").out().trim();
        try {
            VmInfo vm = containerVm(id);
            String key = "guestinfo.vice./key";
            String secret = vm.extraConfig().get(key);
            assertThat(secret).as("the link secret key of " + vm.name()).isNotBlank();
            String wrong = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);
            vch.vch.vc.vms().setExtraConfig(vm.ref(), Map.of(key, wrong));
            long t0 = System.nanoTime();
            DockerCli.Result r = vch.fails(1, "start", "mute");
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(r.err()).contains("failed to start container " + id + ": the VCH refused its tether's link "
                    + "(link proof refused for container " + id + "); the containerVM was powered off");
            assertThat(took).as("failed before the start timeout").isLessThan(ContainerSettings.DEFAULT_START_TIMEOUT);
            assertThat(containerVm(id).poweredOn()).isFalse();
            assertThat(vch.ok("inspect", "--format", "{{.State.Running}} {{.State.Error}}", "mute").out())
                    .startsWith("false failed to start container");
        } finally {
            vch.ok("rm", "-f", "mute");
        }
    }

    private VmInfo containerVm(String id) {
        return vch.vch.vms().stream().filter(v -> id.equals(v.extraConfig().get("vch.container./id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no containerVM for " + id));
    }
}
