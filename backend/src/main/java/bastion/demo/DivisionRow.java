package bastion.demo;

import java.time.LocalDate;

/**
 * One row of table {@code division_code}: a 12-digit statistical division code an organisation
 * held from {@code validFrom} to {@code validTo} (inclusive; {@code null} = current).
 */
public record DivisionRow(
        long organizationId,
        String countyCode,
        String code,
        LocalDate validFrom,
        LocalDate validTo) {

    public boolean current() {
        return validTo == null;
    }
}
