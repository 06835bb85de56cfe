package bastion.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Today's date where the officials are (Asia/Shanghai), from one place, so that deadlines, overdue
 * visits and screening thresholds are computed against the same day. {@code bastion.today}
 * (ISO date) fixes the day for demonstrations and tests; unset in service.
 */
@ApplicationScoped
public class Today {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @ConfigProperty(name = "bastion.today")
    Optional<LocalDate> fixed;

    public LocalDate date() {
        return fixed.orElseGet(() -> LocalDate.now(ZONE));
    }
}
