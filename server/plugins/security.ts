// Security headers (helmet) and load shedding (under-pressure answers 503 before the process falls over).
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import underPressure from '@fastify/under-pressure'
import { AppError } from '../domain/errors'

export default fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'], fontSrc: ["'self'", 'data:'], connectSrc: ["'self'"],
        objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  })
  await app.register(underPressure, {
    maxEventLoopDelay: 2000,
    pressureHandler: () => { throw new AppError(503, 'service_unavailable', undefined, { 'retry-after': '5' }) },
  })
}, { name: 'security' })
