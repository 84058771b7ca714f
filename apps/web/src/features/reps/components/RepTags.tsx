/** Coloured tags for the standing of a rep, a booking and a visit. */
import type { TBooking, TRepStatus, TVisit } from '@qinglian/contracts';
import { Tag } from 'antd';
import { useT } from '../../../lib/i18n/index.tsx';

const REP_COLOR: Record<TRepStatus, string> = {
  draft: 'default',
  pending: 'gold',
  approved: 'green',
  rejected: 'volcano',
  expired: 'orange',
  suspended: 'purple',
  blacklisted: 'red',
};
const BOOKING_COLOR: Record<TBooking['status'], string> = { requested: 'gold', approved: 'green', refused: 'volcano', cancelled: 'default', lapsed: 'default', done: 'blue' };
const VISIT_COLOR: Record<TVisit['status'], string> = { on_site: 'processing', left: 'orange', recorded: 'gold', confirmed: 'green' };

/** A rep's standing. */
export function RepStatusTag({ status }: { status: TRepStatus }) {
  const t = useT();
  return (
    <Tag color={REP_COLOR[status]} data-testid="rep-status">
      {t.reps.status[status]}
    </Tag>
  );
}

/** A booking's state. */
export function BookingStatusTag({ status }: { status: TBooking['status'] }) {
  const t = useT();
  return (
    <Tag color={BOOKING_COLOR[status]} data-testid="booking-status">
      {t.reps.bookingStatus[status]}
    </Tag>
  );
}

/** A visit's state. */
export function VisitStatusTag({ status }: { status: TVisit['status'] }) {
  const t = useT();
  return (
    <Tag color={VISIT_COLOR[status]} data-testid="visit-status">
      {t.reps.visitStatus[status]}
    </Tag>
  );
}
