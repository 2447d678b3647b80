import { useRef, useState } from "preact/hooks";
import type { Slot } from "../../lib/booking";
import { browserBooking } from "../../lib/browser-client";
import { addDays, dateOfSlot, dayMonthLabel, longDateLabel, periodOf, timeOfSlot, weekDates, weekdayLabel, weekLabel, type Period } from "./week";

/**
 * The week view of real availability (the site's one island). Server-rendered with the
 * first week's slots, so it works before — and without — JavaScript: every day, week and
 * time is a link. Once hydrated, day and week changes happen in place (weeks fetched from
 * the availability API and cached), announced to screen readers.
 *
 * Picking a time is a link to `linkBase + encodeURIComponent(start)`: the next step.
 */
export interface SlotPickerProps {
  service: string;
  /** The strip's first day: today or a multiple of 7 days on (never a day already gone). */
  weekStart: string;
  slots: Slot[];
  day?: string | undefined;
  /** London "today": the first window starts here. */
  today: string;
  /** Last window offered in the navigation (the booking horizon). */
  lastWeekStart: string;
  linkBase: string;
  /** The page itself, for the no-JavaScript day/week links. */
  pageBase: string;
  waitlistHref?: string | undefined;
}

type WeekState = { start: string; slots: Slot[]; day: string | undefined };

const firstDayWithSlots = (slots: Slot[]) => (slots[0] ? dateOfSlot(slots[0].start) : undefined);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export default function SlotPicker(props: SlotPickerProps) {
  const [week, setWeek] = useState<WeekState>({ start: props.weekStart, slots: props.slots, day: props.day ?? firstDayWithSlots(props.slots) });
  const [loading, setLoading] = useState(false);
  const [message, setMessage] = useState("");
  const [failed, setFailed] = useState(false);
  const cache = useRef(new Map<string, Slot[]>([[props.weekStart, props.slots]]));

  const byDay = new Map<string, Slot[]>();
  for (const slot of week.slots) {
    const date = dateOfSlot(slot.start);
    byDay.set(date, [...(byDay.get(date) ?? []), slot]);
  }
  const dates = weekDates(week.start);
  const selected = week.day && byDay.has(week.day) ? week.day : undefined;
  const canGoBack = week.start > props.today;
  const canGoForward = week.start < props.lastWeekStart;
  const joiner = props.pageBase.includes("?") ? "&" : "?";
  const href = (start: string, day?: string) => `${props.pageBase}${joiner}week=${start}${day ? `&day=${day}` : ""}#times`;

  async function showWeek(start: string, event: Event) {
    event.preventDefault();
    if (loading) return;
    setFailed(false);
    let slots = cache.current.get(start);
    if (!slots) {
      setLoading(true);
      setMessage("Loading times…");
      try {
        const from = start < props.today ? props.today : start;
        const res = await browserBooking().availability.$get({ query: { service: props.service, from, to: addDays(start, 6) } });
        if (!res.ok) throw new Error(String(res.status));
        slots = (await res.json()).slots;
        cache.current.set(start, slots);
      } catch {
        setLoading(false);
        setFailed(true);
        setMessage("We could not load that week. Please try again.");
        return;
      }
      setLoading(false);
    }
    setWeek({ start, slots, day: firstDayWithSlots(slots) });
    setMessage(`${weekLabel(start)}: ${slots.length ? plural(slots.length, "time") + " available" : "no times available"}.`);
  }

  function showDay(day: string, event: Event) {
    event.preventDefault();
    setWeek({ ...week, day });
    setMessage(`${longDateLabel(day)}: ${plural(byDay.get(day)?.length ?? 0, "time")}.`);
  }

  const daySlots = selected ? (byDay.get(selected) ?? []) : [];
  const periods = new Map<Period, Slot[]>();
  for (const slot of daySlots) {
    const period = periodOf(timeOfSlot(slot.start));
    periods.set(period, [...(periods.get(period) ?? []), slot]);
  }

  return (
    <div class="slot-picker" aria-busy={loading ? "true" : undefined}>
      <div class="week-nav">
        {canGoBack ? (
          <a class="week-step" href={href(addDays(week.start, -7))} onClick={(e) => showWeek(addDays(week.start, -7), e)}>
            <span aria-hidden="true">←</span> Previous week
          </a>
        ) : (
          <span class="week-step" aria-hidden="true" />
        )}
        <p class="week-label">{weekLabel(week.start)}</p>
        {canGoForward ? (
          <a class="week-step" href={href(addDays(week.start, 7))} onClick={(e) => showWeek(addDays(week.start, 7), e)}>
            Next week <span aria-hidden="true">→</span>
          </a>
        ) : (
          <span class="week-step" aria-hidden="true" />
        )}
      </div>

      <ul class="days" aria-label={`Days, ${weekLabel(week.start)}`}>
        {dates.map((date) => {
          const count = byDay.get(date)?.length ?? 0;
          const label = (
            <>
              <span class="dow">{weekdayLabel(date)}</span>
              <span class="dom">{dayMonthLabel(date)}</span>
              <span class="count">{count ? plural(count, "time") : date < props.today ? "Past" : "No times"}</span>
            </>
          );
          return (
            <li key={date}>
              {count ? (
                <a class="day" href={href(week.start, date)} aria-current={date === selected ? "date" : undefined} onClick={(e) => showDay(date, e)}>
                  {label}
                </a>
              ) : (
                <span class="day empty">{label}</span>
              )}
            </li>
          );
        })}
      </ul>

      {selected ? (
        <div class="day-times" role="group" aria-labelledby="day-times-title">
          <h3 id="day-times-title" class="day-title">{longDateLabel(selected)}</h3>
          {[...periods].map(([period, slots]) => (
            <div key={period}>
              <p class="period">{period}</p>
              <ul class="times">
                {slots.map((slot) => (
                  <li key={slot.start}>
                    <a class="time" href={props.linkBase + encodeURIComponent(slot.start)} aria-label={`${timeOfSlot(slot.start)} on ${longDateLabel(selected)}`}>
                      {timeOfSlot(slot.start)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p class="muted small">Times are UK time. Choosing one shows you the details before anything is booked.</p>
        </div>
      ) : (
        <div class="no-times">
          <p>
            <strong>No times free {week.slots.length === 0 ? "this week" : "on this day"}.</strong>{" "}
            {canGoForward && week.slots.length === 0 ? "Try the next week, or " : ""}
            {props.waitlistHref ? (
              <a href={props.waitlistHref}>join the waitlist</a>
            ) : (
              "call us"
            )}{" "}
            and we will let you know when a time opens up.
          </p>
        </div>
      )}
      {failed && <p class="alert error">We could not load that week. Please try again.</p>}
      <p class="visually-hidden" role="status">
        {message}
      </p>
    </div>
  );
}
