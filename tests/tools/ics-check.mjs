// node tests/tools/ics-check.mjs <file.ics>...
//
// Parses each iCalendar file with ical.js (a real RFC 5545 parser) and prints
// one line of JSON: per file, the calendar's VERSION and PRODID and every
// VEVENT with its UID, DTSTAMP, SUMMARY, LOCATION, URL, STATUS and DTSTART /
// DTEND converted to UTC (`null` when a time is floating, i.e. has neither
// `Z` nor a TZID that a VTIMEZONE in the file defines), or the parse error.

import fs from 'node:fs';
import ICAL from 'ical.js';

const watchdog = setTimeout(() => {
  console.error('ics-check took more than 60 s');
  process.exit(3);
}, 60000);

function utc(time) {
  if (!time) return null;
  const zone = time.zone;
  const known = time.isDate || zone === ICAL.Timezone.utcTimezone || (zone && zone !== ICAL.Timezone.localTimezone && zone.tzid !== 'floating');
  if (!known) return null;
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

function check(path) {
  const text = fs.readFileSync(path, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error(`top component is ${calendar.name}`);
  for (const tz of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(tz);
  }
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const raw = (name) => {
      const p = vevent.getFirstProperty(name);
      return p ? String(p.getFirstValue()) : null;
    };
    return {
      uid: event.uid ?? null,
      summary: event.summary ?? null,
      location: event.location ?? null,
      dtstamp: raw('dtstamp'),
      dtstart: utc(event.startDate),
      dtend: utc(event.endDate),
      startTzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid') ?? null,
      url: raw('url'),
      status: raw('status'),
    };
  });
  return {
    path,
    version: calendar.getFirstPropertyValue('version'),
    prodid: calendar.getFirstPropertyValue('prodid'),
    components: calendar.getAllSubcomponents().map((c) => c.name),
    events,
  };
}

const results = process.argv.slice(2).map((path) => {
  try {
    return check(path);
  } catch (err) {
    return { path, error: String(err?.message ?? err) };
  }
});
clearTimeout(watchdog);
process.stdout.write(JSON.stringify(results) + '\n');
