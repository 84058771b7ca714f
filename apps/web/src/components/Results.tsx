/** Whole-page outcomes inside the console: no permission, not found. */
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../lib/i18n/index.tsx';

/** Shown instead of a page the user's role may not open. */
export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t.common.noPermission}
      extra={
        <Link to="/">
          <Button type="primary">{t.common.goHome}</Button>
        </Link>
      }
    />
  );
}

/** Unknown address inside the console. */
export default function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t.common.notFound}
      extra={
        <Link to="/">
          <Button type="primary">{t.common.goHome}</Button>
        </Link>
      }
    />
  );
}
