/** Loading state used by the entry chunk (kept free of heavy antd parts). */
import { Flex, Spin } from 'antd';

/** Centered spinner while a page or the identity loads. */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
