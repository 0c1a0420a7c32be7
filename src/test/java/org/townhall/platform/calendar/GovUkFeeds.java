package org.townhall.platform.calendar;

/** Feeds in the shape of GOV.UK's https://www.gov.uk/bank-holidays.json, for tests. */
public final class GovUkFeeds {

    private GovUkFeeds() {
    }

    /** The feed's shape: three divisions, each with its events; only England and Wales is read. */
    public static String feed(String englandAndWalesEvents) {
        return """
                {"england-and-wales": {"division": "england-and-wales", "events": [%s]},
                 "scotland": {"division": "scotland", "events": [
                   {"title": "St Andrew’s Day", "date": "2026-11-30", "notes": "", "bunting": true}]},
                 "northern-ireland": {"division": "northern-ireland", "events": []}}""".formatted(englandAndWalesEvents);
    }

    public static String year2027(String extra) {
        return """
                {"title": "New Year’s Day", "date": "2027-01-01", "notes": "", "bunting": true},
                {"title": "Good Friday", "date": "2027-03-26", "notes": "", "bunting": false},
                {"title": "Easter Monday", "date": "2027-03-29", "notes": "", "bunting": true},
                {"title": "Early May bank holiday", "date": "2027-05-03", "notes": "", "bunting": true},
                {"title": "Spring bank holiday", "date": "2027-05-31", "notes": "", "bunting": true},
                {"title": "Summer bank holiday", "date": "2027-08-30", "notes": "", "bunting": true},
                {"title": "Christmas Day", "date": "2027-12-27", "notes": "Substitute day", "bunting": true},
                {"title": "Boxing Day", "date": "2027-12-28", "notes": "Substitute day", "bunting": true}""" + extra;
    }
}
