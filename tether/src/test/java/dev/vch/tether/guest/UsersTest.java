package dev.vch.tether.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsersTest {

    static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n# comment\nbroken line\n";
    static final String GROUP = "root:x:0:\napp:x:1000:\nextra:x:2000:other,app\nstaff:x:50:\n";

    @Test
    void resolvesNamesNumbersAndGroups() {
        Users.Credentials app = Users.resolve("app", PASSWD, GROUP);
        assertThat(app.uid()).isEqualTo(1000);
        assertThat(app.gid()).isEqualTo(1000);
        assertThat(app.groups()).containsExactly(1000, 2000);
        assertThat(app.home()).isEqualTo("/home/app");
        assertThat(Users.resolve("1000", PASSWD, GROUP).name()).isEqualTo("app");
        assertThat(Users.resolve("app:staff", PASSWD, GROUP).gid()).isEqualTo(50);
        assertThat(Users.resolve("4321:99", PASSWD, GROUP)).satisfies(c -> {
            assertThat(c.uid()).isEqualTo(4321);
            assertThat(c.gid()).isEqualTo(99);
        });
        assertThat(Users.resolve("4321", PASSWD, GROUP).gid()).isZero();
        assertThat(Users.resolve(null, PASSWD, GROUP).uid()).isZero();
    }

    @Test
    void unknownNamesUseDockerWording() {
        assertThatThrownBy(() -> Users.resolve("ghost", PASSWD, GROUP))
                .hasMessage("unable to find user ghost: no matching entries in passwd file");
        assertThatThrownBy(() -> Users.resolve("app:nogroup", PASSWD, GROUP))
                .hasMessage("unable to find group nogroup: no matching entries in group file");
    }
}
